package io.callcontrol.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A CRM's view of a running server: plain java.net.http requests, answers parsed as JSON or as XML. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    public HttpResponse<byte[]> get(String pathAndQuery, String... headers) throws Exception {
        return send(builder(pathAndQuery, headers).GET());
    }

    public HttpResponse<byte[]> postForm(String path, String form, String... headers) throws Exception {
        return send(builder(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    public HttpResponse<byte[]> method(String method, String path, String... headers) throws Exception {
        return send(builder(path, headers).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private HttpRequest.Builder builder(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        return headers.length == 0 ? builder : builder.headers(headers);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        return JSON.readTree(response.body());
    }

    public static Document xml(HttpResponse<byte[]> response) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
    }

    /** The text at an XPath, or null when the element is xsi:nil (how the XML writer spells null). */
    public static String xpath(Document document, String path) throws Exception {
        Element element = (Element) XPathFactory.newInstance().newXPath()
                .evaluate(path, document, XPathConstants.NODE);
        if (element == null) {
            throw new AssertionError("no element at " + path + " in " + text(document));
        }
        boolean nil = "true".equals(element.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil"));
        return nil ? null : element.getTextContent();
    }

    /** The value at a JSON pointer as text, or null for JSON null. */
    public static String pointer(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        if (value.isMissingNode()) {
            throw new AssertionError("nothing at " + pointer + " in " + node);
        }
        return value.isNull() ? null : value.asText();
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String text(Document document) {
        return document.getDocumentElement().getTextContent();
    }
}
