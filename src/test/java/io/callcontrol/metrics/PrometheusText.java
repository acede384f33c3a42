package io.callcontrol.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for tests: it fails on any line a
 * Prometheus server would refuse, on a sample whose family has no TYPE line before it, on a family typed twice, and
 * on a histogram whose buckets are not cumulative or whose {@code +Inf} bucket is not its count.
 */
public final class PrometheusText {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern TYPE =
            Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(?:\\{(.*)\\})? (NaN|[+-]Inf|[-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)(?: -?[0-9]+)?");
    /** {@code name="value"}, where the value escapes only backslash, double quote and line feed. */
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

    /** One sample: its name, labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final Map<String, String> types = new HashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusText() {
    }

    /** Reads {@code text}; throws AssertionError naming the first line that is not valid. */
    public static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        String[] lines = text.split("\n", -1);
        if (!text.endsWith("\n")) {
            throw new AssertionError("the exposition does not end with a line feed");
        }
        for (int i = 0; i < lines.length - 1; i++) {
            try {
                parsed.read(lines[i]);
            } catch (AssertionError e) {
                throw new AssertionError("line " + (i + 1) + ": " + e.getMessage() + ": " + lines[i], e);
            }
        }
        parsed.checkHistograms();
        return parsed;
    }

    private void read(String line) {
        Matcher type = TYPE.matcher(line);
        if (type.matches()) {
            if (types.put(type.group(1), type.group(2)) != null) {
                throw new AssertionError("family typed twice");
            }
            return;
        }
        if (HELP.matcher(line).matches() || line.isEmpty()) {
            return;
        }
        if (line.startsWith("#")) {
            throw new AssertionError("a comment that is neither HELP nor TYPE");
        }
        Matcher sample = SAMPLE.matcher(line);
        if (!sample.matches()) {
            throw new AssertionError("not a sample");
        }
        String name = sample.group(1);
        if (familyOf(name) == null) {
            throw new AssertionError("no TYPE line for " + name);
        }
        samples.add(new Sample(name, labels(sample.group(2)), number(sample.group(3))));
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        Matcher label = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!label.find(at) || label.start() != at) {
                throw new AssertionError("bad label at " + at);
            }
            if (labels.put(label.group(1), label.group(2)) != null) {
                throw new AssertionError("label " + label.group(1) + " twice");
            }
            at = label.end();
            if (at < text.length()) {
                if (text.charAt(at) != ',') {
                    throw new AssertionError("labels not separated by a comma");
                }
                at++;
            }
        }
        return labels;
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** The family a sample name belongs to: itself, or a histogram's or summary's by its suffix. */
    private String familyOf(String name) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String family = name.substring(0, name.length() - suffix.length());
                String type = types.get(family);
                if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
                    return family;
                }
            }
        }
        return null;
    }

    private void checkHistograms() {
        types.forEach((family, type) -> {
            if (!type.equals("histogram")) {
                return;
            }
            Map<Map<String, String>, List<Sample>> series = new HashMap<>();
            for (Sample s : samples) {
                if (s.name().equals(family + "_bucket")) {
                    Map<String, String> key = new HashMap<>(s.labels());
                    if (key.remove("le") == null) {
                        throw new AssertionError(family + ": a bucket without le");
                    }
                    series.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
                }
            }
            series.forEach((labels, buckets) -> {
                double previous = 0;
                for (Sample bucket : buckets) {
                    if (bucket.value() < previous) {
                        throw new AssertionError(family + labels + ": buckets not cumulative");
                    }
                    previous = bucket.value();
                }
                Sample last = buckets.get(buckets.size() - 1);
                if (!last.labels().get("le").equals("+Inf")) {
                    throw new AssertionError(family + labels + ": no +Inf bucket last");
                }
                if (last.value() != value(family + "_count", labels)) {
                    throw new AssertionError(family + labels + ": +Inf bucket is not the count");
                }
            });
        });
    }

    /**
     * Scrapes until the condition holds, for meters that other threads move; fails after {@code timeout} with what
     * the last scrape showed.
     */
    public static PrometheusText await(Callable<String> scrape, Duration timeout, Predicate<PrometheusText> condition)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = scrape.call();
            PrometheusText parsed = parse(text);
            if (condition.test(parsed)) {
                return parsed;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the meters did not get there within " + timeout + ":\n" + text);
            }
            Thread.sleep(10);
        }
    }

    /** The TYPE of a family, or null. */
    public String type(String family) {
        return types.get(family);
    }

    public Set<String> families() {
        return types.keySet();
    }

    public List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the one sample of {@code name} whose labels include these pairs (name, value, name, value...). */
    public double value(String name, String... labelPairs) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        return value(name, wanted);
    }

    private double value(String name, Map<String, String> wanted) {
        List<Sample> found = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(wanted.entrySet()))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples of " + name + " with " + wanted + ": " + found);
        }
        return found.get(0).value();
    }
}
