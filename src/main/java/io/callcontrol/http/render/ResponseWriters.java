package io.callcontrol.http.render;

import java.util.Locale;
import java.util.Map;

/** The one lookup from URL suffix to {@link ResponseWriter}. */
public final class ResponseWriters {

    private static final ResponseWriter JSON = new JsonResponseWriter();
    private static final ResponseWriter XML = new XmlResponseWriter();
    private static final ResponseWriter CSV = new CsvResponseWriter();
    private static final Map<String, ResponseWriter> BY_EXTENSION =
            Map.of(JSON.extension(), JSON, XML.extension(), XML, CSV.extension(), CSV);

    private ResponseWriters() {
    }

    /** The writer for a suffix such as {@code json} or {@code XML}; null when the encoding is not supported. */
    public static ResponseWriter find(String extension) {
        return BY_EXTENSION.get(extension.toLowerCase(Locale.ROOT));
    }

    /**
     * The writer for an error about a path that is not (or not yet known to be) an API method: XML when the path
     * ends in {@code .xml}, so an XML client can still parse the error, JSON otherwise.
     */
    public static ResponseWriter forPath(String path) {
        int dot = path.lastIndexOf('.');
        ResponseWriter writer = dot < 0 ? null : find(path.substring(dot + 1));
        return writer == null ? JSON : writer;
    }

    /** The supported suffixes, for error messages: {@code .json, .xml} (and .csv for the methods that answer tables). */
    public static String supported() {
        return "." + JSON.extension() + ", ." + XML.extension() + " (." + CSV.extension()
                + " for the methods that answer a table)";
    }

    /** The writer of an error answered to a request for {@code writer}'s encoding: a CSV request's error is JSON. */
    public static ResponseWriter forErrors(ResponseWriter writer) {
        return writer.tablesOnly() ? JSON : writer;
    }
}
