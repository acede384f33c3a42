package io.callcontrol.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.http.render.ResponseWriters;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The wire shape of an API error, in both encodings. */
class ErrorBodyTest {

    @Test
    void errorNamesTheParameterOnlyWhenThereIsOne() {
        assertThat(json(ErrorBody.of(ApiException.invalid("page", "must be a whole number >= 1"))))
                .isEqualTo("{\"error\":{\"code\":\"invalid_parameter\","
                        + "\"message\":\"page: must be a whole number >= 1\",\"parameter\":\"page\"}}");
        assertThat(json(ErrorBody.of(ApiException.of(ErrorCode.OVERLOADED, "busy"))))
                .isEqualTo("{\"error\":{\"code\":\"overloaded\",\"message\":\"busy\"}}");
        assertThat(xml(ErrorBody.of(ApiException.of(ErrorCode.NOT_FOUND, "x"))))
                .endsWith("<response><error><code>not_found</code><message>x</message></error></response>");
    }

    private static String json(Object body) {
        return new String(ResponseWriters.find("json").write(body), StandardCharsets.UTF_8);
    }

    private static String xml(Object body) {
        return new String(ResponseWriters.find("xml").write(body), StandardCharsets.UTF_8);
    }
}
