package io.callcontrol.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callcontrol.http.ApiException;
import io.callcontrol.operator.OperatorStatus;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiParamsTest {

    @Test
    void pagesDefaultToFirstPageOfTwenty() throws Exception {
        ApiParams params = get("/api/recordList.json");

        assertThat(params.page()).isEqualTo(1);
        assertThat(params.perPage()).isEqualTo(20);
    }

    @Test
    void emptyValuesCountAsAbsent() throws Exception {
        assertThat(get("/api/recordList.json?page=&per_page=").page()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "+1", "1.5", "abc", "1e3", "%201", "1%20"})
    void refusesPagesThatAreNotWholeNumbersFromOne(String page) {
        assertThatThrownBy(() -> get("/api/recordList.json?page=" + page).page())
                .isInstanceOf(ApiException.class)
                .hasMessage("page: must be a whole number >= 1")
                .extracting(e -> ((ApiException) e).parameter()).isEqualTo("page");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483648", "99999999999999999999999999", "9223372036854775808"})
    void refusesPagesBeyondAnInt(String page) {
        assertThatThrownBy(() -> get("/api/recordList.json?page=" + page).page())
                .hasMessage("page: must be a whole number from 1 to 2147483647");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "501", "abc"})
    void perPageIsOneToFiveHundred(String perPage) {
        assertThatThrownBy(() -> get("/api/recordList.json?per_page=" + perPage).perPage())
                .hasMessage("per_page: must be a whole number from 1 to 500");
    }

    @Test
    void readsLongsWithoutOverflow() throws Exception {
        assertThat(get("/x?after_id=9223372036854775807").number("after_id", 0, 0, Long.MAX_VALUE))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(get("/x?after_id=0009").number("after_id", 0, 0, Long.MAX_VALUE)).isEqualTo(9);
        assertThatThrownBy(() -> get("/x?after_id=9223372036854775808").number("after_id", 0, 0, Long.MAX_VALUE))
                .hasMessageStartingWith("after_id: must be a whole number from 0 to");
    }

    @Test
    void semicolonIsPartOfTheValueNotASeparator() throws Exception {
        ApiParams params = get("/api/makeCall.json?phone=123;sip=1");

        assertThat(params.text("phone")).isEqualTo("123;sip=1");
        assertThat(params.text("sip")).isNull();
    }

    @Test
    void mergesQueryAndFormBody() throws Exception {
        ApiParams params = fromPost("/api/x.json?sip=1000", "sip=1000&phone=%2B380639920000");

        assertThat(params.text("sip")).isEqualTo("1000");
        assertThat(params.text("phone")).isEqualTo("+380639920000");
    }

    @Test
    void refusesAParameterGivenTwiceWithDifferentValues() {
        assertThatThrownBy(() -> get("/api/x.json?page=1&page=2"))
                .hasMessage("page: given more than once with different values");
        assertThatThrownBy(() -> fromPost("/api/x.json?sip=1", "sip=2"))
                .hasMessage("sip: given more than once with different values");
    }

    @Test
    void refusesABodyThatIsNotAForm() {
        FullHttpRequest request = post("/api/x.json", "{\"sip\":1}");
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");

        assertThatThrownBy(() -> ApiParams.from(ApiParams.decodeUri("/api/x.json"), request))
                .hasMessageContaining("application/x-www-form-urlencoded");
        request.release();
    }

    @Test
    void refusesMalformedPercentEncoding() {
        assertThatThrownBy(() -> get("/api/x.json?page=%zz")).hasMessageContaining("percent-encoding");
    }

    @Test
    void statusFilterIsACommaListOfApiNames() throws Exception {
        assertThat(get("/x?status=offline,ONLINE").statuses())
                .containsExactlyInAnyOrder(OperatorStatus.OFFLINE, OperatorStatus.ONLINE);
        assertThat(get("/x").statuses()).isEmpty();
        assertThatThrownBy(() -> get("/x?status=online,away").statuses())
                .hasMessageStartingWith("status: must be a comma list of offline, online, inuse")
                .extracting(e -> ((ApiException) e).parameter()).isEqualTo("status");
        assertThatThrownBy(() -> get("/x?status=online,").statuses()).hasMessageStartingWith("status:");
    }

    @Test
    void orderIdFollowsTheCallRequestRule() throws Exception {
        assertThat(get("/x?order_id=A-1_b").orderId()).isEqualTo("A-1_b");
        assertThatThrownBy(() -> get("/x").orderId()).hasMessage("order_id: is required");
        assertThatThrownBy(() -> get("/x?order_id=a%2Fb").orderId()).hasMessageStartingWith("order_id: must be");
        assertThatThrownBy(() -> get("/x?order_id=a%2Fb").orderId())
                .extracting(e -> ((ApiException) e).parameter()).isEqualTo("order_id");
    }

    @Test
    void sipFilterFollowsTheCallRequestRule() throws Exception {
        assertThat(get("/x").optionalSip()).isNull();
        assertThat(get("/x?sip=1000").optionalSip()).isEqualTo("1000");
        assertThatThrownBy(() -> get("/x?sip=10a").optionalSip())
                .hasMessage("sip: must be the operator's SIP number: 1 to 20 digits")
                .extracting(e -> ((ApiException) e).parameter()).isEqualTo("sip");
    }

    @Test
    void flagIsZeroOrOne() throws Exception {
        assertThat(get("/x?group_by_call=1").flag("group_by_call")).isTrue();
        assertThat(get("/x").flag("group_by_call")).isFalse();
        assertThatThrownBy(() -> get("/x?group_by_call=yes").flag("group_by_call"))
                .hasMessage("group_by_call: must be 0 or 1");
    }

    @Test
    void theApiKeyIsNeverAMethodParameter() throws Exception {
        ApiParams params = fromPost("/api/x.json?api_key=first-secret-value&page=2", "api_key=other-secret-value");

        assertThat(params.text("api_key")).isNull();
        assertThat(params.page()).isEqualTo(2);
    }

    private static ApiParams get(String uri) throws ApiException {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        try {
            return ApiParams.from(ApiParams.decodeUri(uri), request);
        } finally {
            request.release();
        }
    }

    private static ApiParams fromPost(String uri, String body) throws ApiException {
        FullHttpRequest request = post(uri, body);
        try {
            return ApiParams.from(ApiParams.decodeUri(uri), request);
        } finally {
            request.release();
        }
    }

    private static FullHttpRequest post(String uri, String body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded; charset=UTF-8");
        return request;
    }
}
