package io.callcontrol.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The results table: every suite's figures of a run, in suite order, as Markdown. Written into
 * docs/BENCHMARKS.md between {@link #BEGIN} and {@link #END}, with the run's {@code meta.txt} (what ran where)
 * above it.
 */
final class Report {

    static final String BEGIN = "<!-- bench:results:begin (written by scripts/bench) -->";
    static final String END = "<!-- bench:results:end -->";

    private Report() {
    }

    static void main(Path out, Path doc) throws IOException {
        String table = render(out);
        System.out.println(table);
        if (doc != null) {
            String text = Files.readString(doc);
            int begin = text.indexOf(BEGIN);
            int end = text.indexOf(END);
            if (begin < 0 || end < begin) {
                throw new IllegalStateException(doc + " has no " + BEGIN + " ... " + END + " section");
            }
            Files.writeString(doc, text.substring(0, begin + BEGIN.length()) + "\n" + table + "\n" + text.substring(end));
            System.out.println("written into " + doc);
        }
    }

    static String render(Path out) throws IOException {
        List<String> lines = new ArrayList<>();
        Path meta = out.resolve("meta.txt");
        if (Files.exists(meta)) {
            Files.readAllLines(meta).forEach(line -> lines.add(line.isBlank() ? "" : line + "  "));
            lines.add("");
        }
        lines.add("| benchmark | measure | result | target | verdict |");
        lines.add("|---|---|---|---|---|");
        for (String suite : Bench.SUITES.keySet()) {
            Path file = out.resolve(suite + ".tsv");
            if (!Files.exists(file)) {
                lines.add("| " + suite + " | not run | | | |");
                continue;
            }
            Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                    .map(Figure::ofTsv).map(Figure::markdownRow).forEach(lines::add);
        }
        return String.join("\n", lines);
    }
}
