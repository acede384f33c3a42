package io.callcontrol.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged daemon as users run it: {@code java -jar target/callcontrol.jar key=value...}, in its own process. */
final class DaemonProcess implements AutoCloseable {

    private static final Path JAR = Path.of(System.getProperty("callcontrol.jar", "target/callcontrol.jar"));
    private static final Pattern SERVING = Pattern.compile("serving HTTP on [^:]+:(\\d+)");

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final Thread reader;

    DaemonProcess(Map<String, String> config) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", JAR.toString()));
        config.forEach((key, value) -> command.add(key + "=" + value));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        reader = new Thread(this::read, "daemon-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                Matcher m = SERVING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("the daemon exited before serving:\n" + output()));
    }

    /** The HTTP port, once the daemon says it serves. */
    int awaitServing(Duration timeout) throws Exception {
        return port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    // through the ProcessHandle: Process.destroy() would also close our end of its output, losing its last lines
    void kill() {
        process.toHandle().destroyForcibly();
        process.onExit().join();
    }

    /** SIGTERM; the exit code, or -1 if it did not stop within the timeout. */
    int terminate(Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        reader.join(5_000); // the last lines it wrote
        return process.exitValue();
    }

    /** Kills it if still running, and prints what it said (into the test report) for whoever reads a failure. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        System.out.println("---- daemon output ----\n" + output() + "\n---- end of daemon output ----");
    }
}
