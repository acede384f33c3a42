package io.callcontrol.http;

import io.callcontrol.stats.CallStatsReader;
import io.callcontrol.stats.StatsRefusedException;
import io.callcontrol.stats.StatsRequest;
import io.callcontrol.stats.TallyStore;
import java.time.ZoneId;
import java.util.List;

/** callStats: the figures of a range's ended calls (io.callcontrol.stats), as JSON, XML or CSV. */
final class CallStatsMethod implements ApiMethod {

    /** Without a store (tests of other parts), every range is empty. */
    private static final TallyStore NONE = (sip, from, until, span) -> new TallyStore.Tallies(List.of(), List.of());

    private final CallStatsReader reader;
    private final ZoneId zone;

    /** {@code zone}: the daemon's, the default of {@code tz}. */
    CallStatsMethod(TallyStore store, ZoneId zone) {
        this.reader = new CallStatsReader(store == null ? NONE : store);
        this.zone = zone;
    }

    @Override
    public Object call(ApiRequest request) throws ApiException {
        ApiParams p = request.params();
        String sip = p.optionalSip();
        try {
            return reader.read(StatsRequest.of(p.text("from"), p.text("to"), p.text("tz"), sip, zone));
        } catch (StatsRefusedException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, e.parameter(), e.getMessage());
        }
    }
}
