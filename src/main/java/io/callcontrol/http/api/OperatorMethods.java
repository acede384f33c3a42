package io.callcontrol.http.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import io.callcontrol.http.ApiException;
import io.callcontrol.http.render.TimeFormat;
import io.callcontrol.operator.Operator;
import io.callcontrol.operator.OperatorEvent;
import io.callcontrol.storage.History;
import io.callcontrol.storage.Page;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** sipList and operatorHistory: operators' presence now, and how it changed. */
final class OperatorMethods {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record OperatorItem(String sip, String status, String deviceState, String since, String server) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record OperatorPage(int page, int perPage, long total, long pages,
                        @JacksonXmlElementWrapper(localName = "operators")
                        @JacksonXmlProperty(localName = "operator")
                        List<OperatorItem> operators) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record OperatorEventItem(long id, String sip, String status, String deviceState, String time) {
    }

    /** As recordList's page: {@code page} null when asked by {@code before_id}, {@code next_before_id} to go on. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record OperatorHistoryPage(Integer page, int perPage, long total, long pages, Long nextBeforeId,
                               @JacksonXmlElementWrapper(localName = "history")
                               @JacksonXmlProperty(localName = "event")
                               List<OperatorEventItem> history) {
    }

    private final History history;
    private final TimeFormat time;
    /** The Asterisk server that places an operator's calls ({@code ami.servers}). */
    private final Function<String, Optional<String>> serverOf;

    OperatorMethods(History history, TimeFormat time, Function<String, Optional<String>> serverOf) {
        this.history = history;
        this.time = time;
        this.serverOf = serverOf;
    }

    /** Operators by sip, optionally only those in the given statuses. */
    Object sipList(ApiRequest request) throws ApiException {
        ApiParams p = request.params();
        Page<Operator> page = history.operators(p.statuses(), p.page(), p.perPage());
        List<OperatorItem> operators = page.items().stream()
                .map(o -> new OperatorItem(o.sip(), o.status().apiName(), o.deviceState(), time.format(o.since()),
                        serverOf.apply(o.sip()).orElse(null)))
                .toList();
        return new OperatorPage(page.page(), page.perPage(), page.total(), page.pages(), operators);
    }

    /** Presence changes, newest first, of one operator or all: by page number, or the page before an id. */
    Object operatorHistory(ApiRequest request) throws ApiException {
        ApiParams p = request.params();
        Page<OperatorEvent> page = history.operatorHistory(p.optionalSip(), p.paging());
        List<OperatorEventItem> events = page.items().stream()
                .map(e -> new OperatorEventItem(e.id(), e.sip(), e.status().apiName(), e.deviceState(),
                        time.format(e.at())))
                .toList();
        return new OperatorHistoryPage(page.number(), page.perPage(), page.total(), page.pages(),
                page.nextBeforeId(OperatorEvent::id), events);
    }
}
