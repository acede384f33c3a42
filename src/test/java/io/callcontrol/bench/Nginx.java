package io.callcontrol.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * nginx (Debian's package) serving static files on a loopback port with its own temporary configuration: the
 * yardstick for the API's throughput. Two worker processes, like the daemon's two cores; no access log;
 * unlimited keep-alive requests, as the daemon keeps connections.
 */
final class Nginx implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path root;

    private Nginx(Process process, int port, Path root) {
        this.process = process;
        this.port = port;
        this.root = root;
    }

    static Nginx start() throws Exception {
        Path dir = Files.createTempDirectory("cc-bench-nginx", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path root = Files.createDirectories(dir.resolve("www"));
        int port = DaemonProcess.freePort();
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, String.join("\n",
                "worker_processes 2;",
                "daemon off;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + " warn;",
                "events { worker_connections 1024; }",
                "http {",
                "  access_log off;",
                "  sendfile on;",
                "  tcp_nodelay on;",
                "  keepalive_requests 10000000;",
                "  keepalive_timeout 60s;",
                "  types { application/json json; }",
                "  client_body_temp_path " + dir.resolve("tmp-body") + ";",
                "  proxy_temp_path " + dir.resolve("tmp-proxy") + ";",
                "  fastcgi_temp_path " + dir.resolve("tmp-fastcgi") + ";",
                "  uwsgi_temp_path " + dir.resolve("tmp-uwsgi") + ";",
                "  scgi_temp_path " + dir.resolve("tmp-scgi") + ";",
                "  server {",
                "    listen 127.0.0.1:" + port + ";",
                "    root " + root + ";",
                "  }",
                "}", ""));
        Process process = new ProcessBuilder(List.of("nginx", "-c", conf.toString(), "-p", dir.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Nginx nginx = new Nginx(process, port, root);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("nginx.out")));
            }
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return nginx;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        nginx.close();
        throw new IllegalStateException("nginx did not listen on 127.0.0.1:" + port + " within 10 s");
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Publishes a file of exactly {@code size} bytes; its path. */
    String file(String name, int size) throws IOException {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) 'x');
        Files.write(root.resolve(name), body);
        root.resolve(name).toFile().setReadable(true, false);
        return "/" + name;
    }

    static boolean installed() {
        try {
            Process p = new ProcessBuilder("nginx", "-v").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Stops the master we started (it stops its workers); killed when it has not stopped in 10 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
