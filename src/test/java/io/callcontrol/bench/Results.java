package io.callcontrol.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What one benchmark found: its figures, and every wrong result (lost, doubled or misplaced statuses...). */
final class Results {

    private final String benchmark;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    Results(String benchmark) {
        this.benchmark = benchmark;
    }

    String benchmark() {
        return benchmark;
    }

    void figure(String measure, String value, String target, Figure.Verdict verdict) {
        Figure figure = new Figure(benchmark, measure, value, target, verdict);
        figures.add(figure);
        System.out.println("  " + measure + ": " + value + (target.isEmpty() ? "" : "  (target " + target + ": "
                + verdict.name().toLowerCase(Locale.ROOT) + ")"));
    }

    void info(String measure, String value) {
        figure(measure, value, "", Figure.Verdict.INFO);
    }

    /** A wrong result; the run goes on, and the benchmark's correctness row says what went wrong. */
    void problem(String what) {
        what = what.replaceAll("\\s*\\R\\s*", " / ").replace('\t', ' ');
        if (what.length() > 400) {
            what = what.substring(0, 400) + "...";
        }
        if (problems.size() < 1_000) {
            problems.add(what);
        }
        if (problems.size() <= 10) {
            System.out.println("  WRONG: " + what);
        }
    }

    /** Adds the correctness row: every check passed, or how many failed and the first. */
    void correctness(String checked) {
        if (problems.isEmpty()) {
            figure("correct results", "yes: " + checked, "all", Figure.Verdict.MET);
        } else {
            figure("correct results", problems.size() + " wrong, first: " + problems.get(0).replace('|', '/'),
                    "all", Figure.Verdict.WRONG);
        }
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    List<Figure> figures() {
        return List.copyOf(figures);
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, figures.stream().map(Figure::tsv).toList());
    }

    static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
