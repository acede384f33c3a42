package io.callcontrol.bench;

/**
 * One measured figure as it goes into the table of docs/BENCHMARKS.md.
 *
 * @param benchmark which benchmark (its number and name)
 * @param measure   what was measured
 * @param value     the figure, with its unit
 * @param target    the design's target, or empty
 * @param verdict   whether the target was met
 */
record Figure(String benchmark, String measure, String value, String target, Verdict verdict) {

    enum Verdict {
        MET("met"), MISSED("**missed**"), INFO(""), WRONG("**wrong results**");

        final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    static Verdict atMost(double value, double limit) {
        return value <= limit ? Verdict.MET : Verdict.MISSED;
    }

    static Verdict atLeast(double value, double limit) {
        return value >= limit ? Verdict.MET : Verdict.MISSED;
    }

    String tsv() {
        return String.join("\t", benchmark, measure, value, target, verdict.name());
    }

    static Figure ofTsv(String line) {
        String[] f = line.split("\t", -1);
        return new Figure(f[0], f[1], f[2], f[3], Verdict.valueOf(f[4]));
    }

    String markdownRow() {
        return "| " + benchmark + " | " + measure + " | " + value + " | " + target + " | " + verdict.text + " |";
    }
}
