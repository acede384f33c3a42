package io.callcontrol.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One fuzz request as parts (verb, decoded path, decoded parameters, headers, body) and its bytes. Encoding is
 * randomised but always decodes back to the parts, except what is marked raw.
 */
final class FuzzRequest {

    final String verb;
    final String path;
    /** Send {@link #path} byte for byte instead of percent-encoding what needs it. */
    boolean rawPath;
    String version = "HTTP/1.1";
    /** Sent byte for byte at the start of the query. */
    String rawFirst;
    final List<String[]> query = new ArrayList<>();
    final List<String[]> form = new ArrayList<>();
    final List<String> headers = new ArrayList<>();
    byte[] body = new byte[0];
    /** A body sent byte for byte, with no Content-Length added. */
    String rawBody;
    /** A Content-Length that differs from the body sent. */
    Integer declaredLength;
    /** Lines end in LF only. */
    boolean bareLf;
    /** The client shuts its output after sending: for requests that may never end by themselves. */
    boolean halfClose;
    /** The request line's length in bytes, known once {@link #bytes} ran. */
    int lineLength;

    FuzzRequest(String verb, String path) {
        this.verb = verb;
        this.path = path;
    }

    void header(String name, String value) {
        headers.add(name + ": " + value);
    }

    void rawHeader(String line) {
        headers.add(line);
    }

    byte[] bytes(Random r) {
        StringBuilder target = new StringBuilder(rawPath ? path : encode(r, path, "/"));
        StringBuilder q = new StringBuilder(rawFirst == null ? "" : rawFirst);
        for (String[] param : query) {
            q.append(q.isEmpty() ? "" : "&").append(encode(r, param[0], "")).append('=').append(encode(r, param[1], ""));
        }
        if (!q.isEmpty()) {
            target.append(target.indexOf("?") < 0 ? '?' : '&').append(q);
        }
        String line = verb + " " + target + (version.isEmpty() ? "" : " " + version);
        byte[] lineBytes = line.getBytes(StandardCharsets.UTF_8);
        lineLength = lineBytes.length;

        byte[] content = body;
        if (rawBody != null) {
            content = rawBody.getBytes(StandardCharsets.ISO_8859_1);
        } else if (!form.isEmpty()) {
            StringBuilder f = new StringBuilder();
            for (String[] param : form) {
                f.append(f.isEmpty() ? "" : "&").append(encode(r, param[0], "")).append('=').append(encode(r, param[1], ""));
            }
            content = f.toString().getBytes(StandardCharsets.US_ASCII);
            body = content;
        }
        String eol = bareLf ? "\n" : "\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(lineBytes);
        StringBuilder head = new StringBuilder(eol);
        if (r.nextInt(20) != 0) {
            head.append("Host: ").append(r.nextInt(10) == 0 ? "evil.example/x?" : "fuzz.test").append(eol);
        }
        for (String header : headers) {
            head.append(header).append(eol);
        }
        boolean framed = headers.stream().anyMatch(h -> h.regionMatches(true, 0, "Content-Length:", 0, 15)
                || h.regionMatches(true, 0, "Transfer-Encoding:", 0, 18));
        if (declaredLength != null) {
            head.append("Content-Length: ").append(declaredLength).append(eol);
        } else if (!framed && content.length > 0) {
            head.append("Content-Length: ").append(content.length).append(eol);
        }
        head.append("Connection: close").append(eol).append(eol);
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** Percent-encodes all but unreserved characters (and {@code keep}), and some of those too, in either case. */
    private static String encode(Random r, String text, String keep) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean plain = c < 128 && (Character.isLetterOrDigit(c) || "-_.~".indexOf(c) >= 0 || keep.indexOf(c) >= 0);
            if (plain && r.nextInt(6) != 0) {
                encoded.append(c);
            } else {
                String hex = String.format("%%%02X", b & 0xFF);
                encoded.append(r.nextBoolean() ? hex : hex.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return encoded.toString();
    }
}
