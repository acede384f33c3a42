package io.callcontrol.http.render;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV (RFC 4180: a header row, CRLF line ends, a cell quoted when it holds a comma, a quote or a line break) of a
 * {@link Table} body. A text cell that a spreadsheet would take for a formula (starting with {@code = + - @}) gets a
 * leading {@code '}, so an echoed parameter in an error cannot run as one; numbers are written as they are.
 */
final class CsvResponseWriter implements ResponseWriter {

    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public String contentType() {
        return "text/csv; charset=UTF-8; header=present";
    }

    @Override
    public boolean tablesOnly() {
        return true;
    }

    @Override
    public void write(Object body, OutputStream out) {
        if (!(body instanceof Table table)) {
            throw new IllegalStateException(body.getClass().getSimpleName() + " is not a table: no CSV for it");
        }
        try {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            line(w, List.copyOf(table.columns()));
            for (List<Object> row : table.rows()) {
                line(w, row);
            }
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(Writer w, List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(cell(cells.get(i)));
        }
        w.write("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quoted = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quoted ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
