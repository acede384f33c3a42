package io.callcontrol.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The daemon as users run it: {@code java -Xmx256m -jar target/callcontrol.jar key=value...} in its own process,
 * so its CPU time and RSS are its own. Output goes to {@code daemon.log} in its folder.
 */
final class DaemonProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static List<String> unlimitedRates;

    private final Process process;
    private final Path log;
    private final int httpPort;
    private final Duration startupToServing;

    private DaemonProcess(Process process, Path log, int httpPort, Duration startupToServing) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.startupToServing = startupToServing;
    }

    /**
     * Starts the jar with these config keys (http.port is chosen here) and waits until its HTTP API answers.
     *
     * @param jvmOptions extra JVM options, e.g. a flight recording
     */
    static DaemonProcess start(BenchOptions options, Path dir, Map<String, String> config, List<String> jvmOptions)
            throws Exception {
        Files.createDirectories(dir);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", options.jar().toString(), "http.port=" + port));
        unlimitedRates(options).forEach(command::add);
        config.forEach((key, value) -> command.add(key + "=" + value));
        Path log = dir.resolve("daemon.log");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitServing(process, port, log);
        } catch (Exception | Error e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw e;
        }
        return new DaemonProcess(process, log, port, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The per-caller rate limits switched off (a benchmark is one caller sending far more than a CRM), when this
     * build of the daemon has them; asked once with {@code --check}.
     */
    private static synchronized List<String> unlimitedRates(BenchOptions options) throws Exception {
        if (unlimitedRates == null) {
            List<String> keys = List.of("http.rate.per.minute=0", "http.rate.per.day=0");
            List<String> check = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    options.jar().toString(), "--check"));
            check.addAll(keys);
            Process process = new ProcessBuilder(check).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            unlimitedRates = !process.isAlive() && process.exitValue() == 0 ? keys : List.of();
        }
        return unlimitedRates;
    }

    /** Polls an API method until it answers 200: the daemon is serving. */
    private static void awaitServing(Process process, int port, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sipList.json"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the daemon exited (" + process.exitValue() + ") while starting:\n"
                        + tail(log));
            }
            try {
                if (client.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the daemon did not serve HTTP within " + START_TIMEOUT + ":\n" + tail(log));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    int port() {
        return httpPort;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** From the process start to the first 200 of its API. */
    Duration startupToServing() {
        return startupToServing;
    }

    /** CPU time (user + system) the daemon used so far. */
    Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /**
     * CPU time used so far by each thread, in clock ticks (1/100 s), threads of one pool summed ("http-io-*"):
     * where a saturated daemon spends its cores. Names come from {@code jcmd Thread.print} (the kernel keeps only
     * 15 characters of them).
     */
    Map<String, Long> threadCpuTicks() throws Exception {
        Map<Long, String> names = javaThreadNames();
        Map<String, Long> ticks = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    long tid = Long.parseLong(task.getFileName().toString());
                    String name = names.getOrDefault(tid, Files.readString(task.resolve("comm")).trim())
                            .replaceAll("-\\d+(-\\d+)*", "-*");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // fields from the state on: utime and stime are the 14th and 15th of the whole line
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return ticks;
    }

    /** Native thread id to Java thread name, from the JDK's jcmd. */
    private Map<Long, String> javaThreadNames() throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor(30, TimeUnit.SECONDS);
        Map<Long, String> names = new java.util.HashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\"(.+?)\" .*? nid=(0x[0-9a-f]+|\\d+)")
                .matcher(dump);
        while (m.find()) {
            names.put(m.group(2).startsWith("0x") ? Long.parseLong(m.group(2).substring(2), 16)
                    : Long.parseLong(m.group(2)), m.group(1));
        }
        return names;
    }

    /** The threads that used most CPU between two {@link #threadCpuTicks()}, as "name 87%" of one core. */
    static String busiestThreads(Map<String, Long> before, Map<String, Long> after, double seconds, int n) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(n)
                .map(e -> e.getKey() + " " + Math.round(e.getValue() / seconds) + "%")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * The share of one core that the threads whose names contain {@code part} used between two
     * {@link #threadCpuTicks()} {@code seconds} apart (ticks are hundredths of a second).
     */
    static double cpuShare(Map<String, Long> before, Map<String, Long> after, String part, double seconds) {
        long ticks = after.entrySet().stream()
                .filter(e -> e.getKey().contains(part))
                .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L))
                .sum();
        return ticks / 100.0 / seconds;
    }

    /** Resident set size now, in KiB. */
    long rssKib() {
        return procStatus("VmRSS:");
    }

    /** The highest resident set size so far (the kernel's high-water mark), in KiB. */
    long peakRssKib() {
        return procStatus("VmHWM:");
    }

    private long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return -1;
    }

    /** Lines of the daemon's log containing {@code text}. */
    long logLines(String text) throws IOException {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, as systemd stops it; killed when it has not stopped in 20 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
