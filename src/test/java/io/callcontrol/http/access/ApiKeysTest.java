package io.callcontrol.http.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.config.HttpConfig;
import io.callcontrol.http.api.ApiParams;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which key a secret is, and where a request presents one. */
class ApiKeysTest {

    private static final String CRM = "A1b2C3d4E5f6G7h8-crm";
    private static final String IVR = "zzzzzzzzzzzzzzzz_ivr";
    private final ApiKeys keys = new ApiKeys(List.of(new HttpConfig.ApiKey("crm", CRM),
            new HttpConfig.ApiKey("ivr", IVR)));

    @Test
    void aSecretNamesItsKey() {
        assertThat(keys.required()).isTrue();
        assertThat(keys.nameOf(CRM)).isEqualTo("crm");
        assertThat(keys.nameOf(IVR)).isEqualTo("ivr");
    }

    @Test
    void nearMissesAreNoKey() {
        assertThat(keys.nameOf(null)).isNull();
        assertThat(keys.nameOf("")).isNull();
        assertThat(keys.nameOf(CRM.substring(0, CRM.length() - 1))).isNull();
        assertThat(keys.nameOf(CRM + "x")).isNull();
        assertThat(keys.nameOf(CRM.toUpperCase())).isNull();
        assertThat(keys.nameOf(CRM + "\0")).isNull();
    }

    @Test
    void noKeysConfiguredRequiresNone() {
        assertThat(new ApiKeys(List.of()).required()).isFalse();
        assertThat(new ApiKeys(List.of()).nameOf(CRM)).isNull();
    }

    @Test
    void presentedInHeaderBearerQueryOrForm() {
        FullHttpRequest header = get("/api/sipList.json");
        header.headers().set("x-api-key", CRM);
        FullHttpRequest bearer = get("/api/sipList.json");
        bearer.headers().set(HttpHeaderNames.AUTHORIZATION, "bearer " + CRM);
        FullHttpRequest basic = get("/api/sipList.json?api_key=" + IVR);
        basic.headers().set(HttpHeaderNames.AUTHORIZATION, "Basic eDp5");
        FullHttpRequest form = post("/api/sipList.json", "status=online&api_key=" + CRM);
        FullHttpRequest both = get("/api/sipList.json?api_key=" + IVR);
        both.headers().set(ApiKeys.HEADER, CRM);

        assertThat(presented(header)).isEqualTo(CRM);
        assertThat(presented(bearer)).isEqualTo(CRM);
        assertThat(presented(basic)).as("not a bearer: the parameter counts").isEqualTo(IVR);
        assertThat(presented(form)).isEqualTo(CRM);
        assertThat(presented(both)).as("the header wins").isEqualTo(CRM);
        assertThat(presented(get("/api/sipList.json?api_key=%zz"))).isNull();
        assertThat(presented(get("/api/sipList.json"))).isNull();
    }

    private static String presented(FullHttpRequest request) {
        try {
            return ApiKeys.presented(request, ApiParams.decodeUri(request.uri()));
        } finally {
            request.release();
        }
    }

    private static FullHttpRequest get(String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }

    private static FullHttpRequest post(String uri, String form) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri,
                Unpooled.copiedBuffer(form, StandardCharsets.UTF_8));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded");
        return request;
    }
}
