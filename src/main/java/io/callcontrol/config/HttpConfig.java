package io.callcontrol.config;

/**
 * The HTTP API. {@code publicUrl} is the base of recording URLs given to the CRM; empty means "from the
 * request's Host header".
 */
public record HttpConfig(String bind, int port, String publicUrl, int maxRequestBytes, int workerThreads) {

    static HttpConfig from(Settings s) {
        String publicUrl = s.string("http.public.url", "");
        if (!publicUrl.isEmpty() && !publicUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new ConfigException("http.public.url: '" + publicUrl + "' is not an http(s) URL");
        }
        return new HttpConfig(
                s.nonEmpty("http.bind", "127.0.0.1"),
                s.port("http.port", 8080),
                publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl,
                s.integer("http.max.request.bytes", 65_536, 1_024, 16 * 1024 * 1024),
                s.integer("http.threads", 16, 1, 512));
    }
}
