package io.callcontrol.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hot spots of a daemon's flight recording ({@code --profile} leaves daemon.jfr beside its log): samples per
 * thread, and per busy thread the methods on top of the stack (self) and the callcontrol methods on the stack
 * (total). Java samples and native samples (SQLite's JNI, socket I/O) are counted together; threads
 * blocked waiting for work (epoll, accept, poll) are left out.
 * <pre>java -cp target/test-classes:target/callcontrol.jar io.callcontrol.bench.JfrTop FILE.jfr [THREADS] [METHODS] [PACKAGES]</pre>
 * PACKAGES: comma-separated name prefixes of the methods counted in total (default {@code io.callcontrol.}).
 */
public final class JfrTop {

    private JfrTop() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int methods = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        List<String> packages = List.of((args.length > 3 ? args[3] : "io.callcontrol.").split(","));
        Map<String, Integer> perThread = new HashMap<>();
        Map<String, Map<String, Integer>> self = new HashMap<>();
        Map<String, Map<String, Integer>> total = new HashMap<>();
        int samples = 0;
        long pauses = 0;
        double pauseMs = 0;
        double longestPauseMs = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.GarbageCollection")) {
                double ms = event.getDuration("sumOfPauses").toNanos() / 1e6;
                pauses++;
                pauseMs += ms;
                longestPauseMs = Math.max(longestPauseMs, ms);
            }
            if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            if (type.equals("jdk.NativeMethodSample") && waiting(stack.getFrames().get(0))) {
                continue;
            }
            String thread = group(event.getThread("sampledThread") == null ? "?"
                    : event.getThread("sampledThread").getJavaName());
            samples++;
            perThread.merge(thread, 1, Integer::sum);
            List<RecordedFrame> frames = stack.getFrames();
            self.computeIfAbsent(thread, t -> new HashMap<>()).merge(name(frames.get(0)), 1, Integer::sum);
            frames.stream().map(JfrTop::name).filter(n -> packages.stream().anyMatch(n::startsWith)).distinct()
                    .forEach(n -> total.computeIfAbsent(thread, t -> new HashMap<>()).merge(n, 1, Integer::sum));
        }
        System.out.printf("%d samples (Java + native); %d garbage collections, pauses %.0f ms in all, longest %.1f ms%n",
                samples, pauses, pauseMs, longestPauseMs);
        for (var t : top(perThread, threads).entrySet()) {
            System.out.printf("%n%5.1f%% thread %s%n", 100.0 * t.getValue() / samples, t.getKey());
            System.out.println("   self:");
            top(self.get(t.getKey()), methods).forEach((m, n) ->
                    System.out.printf("   %5.1f%%  %s%n", 100.0 * n / t.getValue(), m));
            if (total.containsKey(t.getKey())) {
                System.out.println("   methods of " + packages + " on the stack (total):");
                top(total.get(t.getKey()), methods).forEach((m, n) ->
                        System.out.printf("   %5.1f%%  %s%n", 100.0 * n / t.getValue(), m));
            }
        }
    }

    /** A thread blocked in the kernel waiting for work, not using a core. */
    private static boolean waiting(RecordedFrame top) {
        String method = name(top);
        return method.endsWith("EPoll.wait") || method.endsWith("Net.poll") || method.endsWith("Net.accept")
                || method.endsWith("EventFD.set0");
    }

    /** Numbered threads of one pool as one: "http-worker-3-7" is "http-worker-*". */
    private static String group(String thread) {
        return thread.replaceAll("-\\d+(-\\d+)*$", "-*");
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static Map<String, Integer> top(Map<String, Integer> counts, int n) {
        Map<String, Integer> top = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }
}
