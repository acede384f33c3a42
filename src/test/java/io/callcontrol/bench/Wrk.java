package io.callcontrol.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP load generator (Debian's wrk): one thread, a fixed number of keep-alive connections, for a fixed time;
 * each request's path comes from a Lua function, so the daemon and nginx pay the same client cost.
 */
final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([\\d.]+)(us|ms|s)\\b");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+([\\d.]+)(us|ms|s)\\b");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: (.*)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

    /** What one run measured. */
    record Run(double requestsPerSecond, double p50Ms, double p99Ms, long requests, long non2xx, String socketErrors) {
    }

    private Wrk() {
    }

    /**
     * Loads {@code base} with GET requests whose path is {@code pathFormat} (a Lua format with one %d) of a
     * random number in [lo, hi].
     */
    static Run run(Path dir, String base, String pathFormat, long lo, long hi, int connections, int seconds)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile(dir, "wrk", ".lua");
        Files.writeString(script, "math.randomseed(42)\n"
                + "request = function()\n"
                + "  return wrk.format(\"GET\", string.format(\"" + pathFormat + "\", math.random(" + lo + ", " + hi
                + ")))\n"
                + "end\n");
        Path output = Files.createTempFile(dir, "wrk", ".out");
        Process wrk = new ProcessBuilder(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s",
                "--latency", "--timeout", "10s", "-s", script.toString(), base))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!wrk.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            wrk.destroyForcibly();
            throw new IllegalStateException("wrk did not finish in " + (seconds + 30) + " s");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (wrk.exitValue() != 0 || !RATE.matcher(text).find()) {
            throw new IllegalStateException("wrk failed (" + wrk.exitValue() + "):\n" + text);
        }
        return new Run(number(RATE, text), millis(P50, text), millis(P99, text), (long) number(REQUESTS, text),
                find(NON_2XX, text) == null ? 0 : Long.parseLong(find(NON_2XX, text)),
                find(SOCKET_ERRORS, text) == null ? "" : find(SOCKET_ERRORS, text));
    }

    static boolean installed() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static double number(Pattern pattern, String text) {
        return Double.parseDouble(find(pattern, text));
    }

    private static double millis(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "us" -> value / 1_000;
            case "s" -> value * 1_000;
            default -> value;
        };
    }
}
