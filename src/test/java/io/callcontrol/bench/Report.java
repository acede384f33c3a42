package io.callcontrol.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The results table: every suite's figures of a run, in suite order (a suite that runs on either store: SQLite's,
 * then PostgreSQL's), as Markdown. Written into docs/BENCHMARKS.md between {@link #BEGIN} and {@link #END}, with the
 * run's {@code meta.txt} (what ran where) above it. A suite with no figures in the run's folder keeps its rows of the
 * table it replaces (and that table's lines of what ran where), so running one suite leaves the others' rows as
 * they were.
 */
final class Report {

    static final String BEGIN = "<!-- bench:results:begin (written by scripts/bench) -->";
    static final String END = "<!-- bench:results:end -->";
    private static final String TABLE_HEAD = "| benchmark | measure | result | target | verdict |";

    private Report() {
    }

    static void main(Path out, Path doc) throws IOException {
        if (doc == null) {
            System.out.println(render(out, ""));
            return;
        }
        String text = Files.readString(doc);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(doc + " has no " + BEGIN + " ... " + END + " section");
        }
        String table = render(out, text.substring(begin + BEGIN.length(), end));
        System.out.println(table);
        Files.writeString(doc, text.substring(0, begin + BEGIN.length()) + "\n" + table + "\n" + text.substring(end));
        System.out.println("written into " + doc);
    }

    /** The table of the figures in {@code out}; a suite without figures there keeps its rows of {@code before}. */
    static String render(Path out, String before) throws IOException {
        List<String> rows = new ArrayList<>();
        boolean kept = false;
        for (Map.Entry<String, Bench.Named> suite : Bench.SUITES.entrySet()) {
            BenchStore[] stores = suite.getValue().eitherStore() ? BenchStore.values()
                    : new BenchStore[] {BenchStore.SQLITE};
            for (BenchStore store : stores) {
                String label = store.label(suite.getValue().label());
                Path file = out.resolve(suite.getKey() + store.fileSuffix + ".tsv");
                if (Files.exists(file)) {
                    Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                            .map(Figure::ofTsv).map(Figure::markdownRow).forEach(rows::add);
                    continue;
                }
                List<String> old = before.lines().filter(l -> l.startsWith("| " + label + " | ")).toList();
                kept |= !old.isEmpty();
                rows.addAll(old.isEmpty() ? List.of("| " + label + " | not run | | | |") : old);
            }
        }
        List<String> lines = new ArrayList<>();
        Path meta = out.resolve("meta.txt");
        if (Files.exists(meta)) {
            Files.readAllLines(meta).forEach(line -> lines.add(line.isBlank() ? "" : line + "  "));
        }
        if (kept) {
            // the runs the kept rows come from: the replaced table's own lines above it, those not repeated here
            int head = before.indexOf(TABLE_HEAD);
            for (String line : (head < 0 ? "" : before.substring(0, head)).strip().lines().toList()) {
                if (!line.isBlank() && !lines.contains(line)) {
                    lines.add(line);
                }
            }
        }
        if (!lines.isEmpty()) {
            lines.add("");
        }
        lines.add(TABLE_HEAD);
        lines.add("|---|---|---|---|---|");
        lines.addAll(rows);
        return String.join("\n", lines);
    }
}
