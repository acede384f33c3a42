package io.callcontrol.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.http.render.ResponseWriters;
import io.callcontrol.http.render.TimeFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire shapes of the response records, in both encodings. */
class ResponseShapesTest {

    private static final StatusMethods.HistoryItem EVENT =
            new StatusMethods.HistoryItem(7, 42, "15", "CALL", "2024-05-01T12:00:00.000+03:00", null, "outbound");

    @Test
    void jsonUsesSnakeCaseInDeclarationOrder() {
        String json = json(new MakeCall.Made(42, "CALL", "15", "24", "1000", "380639920000", "operator"));

        assertThat(json).isEqualTo("{\"call_id\":42,\"status\":\"CALL\",\"order_id\":\"15\",\"external_key\":\"24\","
                + "\"sip\":\"1000\",\"phone\":\"380639920000\",\"first\":\"operator\"}");
    }

    @Test
    void xmlHasResponseRootAndOneElementPerListItem() {
        String xml = xml(new StatusMethods.OrderHistory("15", List.of(EVENT, EVENT), null, null));

        assertThat(xml).startsWith("<?xml").contains("<response><order_id>15</order_id><history><event><id>7</id>"
                + "<call_id>42</call_id><order_id>15</order_id><status>CALL</status>"
                + "<time>2024-05-01T12:00:00.000+03:00</time>");
        assertThat(xml.split("<event>", -1)).hasSize(3);
        assertThat(xml).endsWith("</event></history></response>");
    }

    @Test
    void anOrderPageWithinTheCapHasNoContinuationAndALongerOneSaysWhereItGoesOn() {
        assertThat(json(new StatusMethods.OrderHistory("15", List.of(), null, null)))
                .isEqualTo("{\"order_id\":\"15\",\"history\":[]}");
        assertThat(json(new StatusMethods.OrderHistory("15", List.of(EVENT), true, 7L)))
                .startsWith("{\"order_id\":\"15\",\"history\":[{").endsWith("}],\"has_more\":true,\"next_after_id\":7}");
        assertThat(xml(new StatusMethods.OrderHistory("15", List.of(EVENT), true, 7L)))
                .endsWith("</history><has_more>true</has_more><next_after_id>7</next_after_id></response>");
    }

    @Test
    void nullsAreExplicit() {
        assertThat(json(EVENT)).contains("\"detail\":null");
        assertThat(xml(EVENT)).containsPattern("<detail [^>]*nil=\"true\"/>");
    }

    @Test
    void encodersEscapeEverything() {
        StatusMethods.HistoryItem nasty = new StatusMethods.HistoryItem(1, 2, "3", "ERROR", "t",
                "<a href=\"x\">&'</a>\u0001\n\"quoted\"", "inbound");

        assertThat(xml(nasty)).contains("<detail>&lt;a href=\"x\">&amp;'&lt;/a>\uFFFD\n\"quoted\"</detail>");
        assertThat(json(nasty)).contains("\"detail\":\"<a href=\\\"x\\\">&'</a>\\u0001\\n\\\"quoted\\\"\"");
    }

    @Test
    void xmlReplacesWhatXml10CannotCarryEvenAsAReference() throws Exception {
        StatusMethods.HistoryItem nasty = new StatusMethods.HistoryItem(1, 2, "3", "ERROR", "t",
                "a\uFFFFb\uFFFEc\uD800d\uDC00e\u0000f\u001Fg\uD83D\uDE00h\u00e9\t", "inbound");

        String xml = xml(nasty);

        assertThat(xml).contains("<detail>a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uD83D\uDE00h\u00e9\t</detail>")
                .doesNotContain("&#");
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void timesCarryMillisAndOffset() {
        TimeFormat format = new TimeFormat(ZoneOffset.ofHours(3));

        assertThat(format.format(Instant.parse("2024-05-01T09:00:00Z"))).isEqualTo("2024-05-01T12:00:00.000+03:00");
        assertThat(new TimeFormat(ZoneOffset.UTC).format(Instant.parse("2024-05-01T09:00:00.5Z")))
                .isEqualTo("2024-05-01T09:00:00.500+00:00");
        assertThat(format.format(null)).isNull();
    }

    @Test
    void writerIsChosenBySuffix() {
        assertThat(ResponseWriters.find("json").contentType()).startsWith("application/json");
        assertThat(ResponseWriters.find("XML").contentType()).startsWith("application/xml");
        assertThat(ResponseWriters.find("html")).isNull();
        assertThat(ResponseWriters.forPath("/nothing/here.xml").extension()).isEqualTo("xml");
        assertThat(ResponseWriters.forPath("/nothing").extension()).isEqualTo("json");
    }

    private static String json(Object body) {
        return new String(ResponseWriters.find("json").write(body), StandardCharsets.UTF_8);
    }

    private static String xml(Object body) {
        return new String(ResponseWriters.find("xml").write(body), StandardCharsets.UTF_8);
    }
}
