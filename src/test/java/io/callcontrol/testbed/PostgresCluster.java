package io.callcontrol.testbed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 15 (Debian's postgresql package): a fresh cluster in a temporary folder, made with initdb and
 * started with pg_ctl on 127.0.0.1 and a free port, stopped and deleted when closed; one at a time. The system's own
 * cluster and service are not used. As root the server runs as the user postgres (initdb refuses root). Without the
 * binaries it fails, naming the package. Tests get it through {@link PostgresServer} (without fsync: a test checks
 * results, not durability); benchmarks, which run outside JUnit, start it themselves, durable as a production server.
 */
public final class PostgresCluster {

    public static final String USER = "callcontrol";
    /** The superuser's password: the server asks for it (scram-sha-256) on TCP, as a real one would. */
    public static final String PASSWORD = "pg-test-secret-4711";
    private static final Path BIN = Path.of(System.getProperty("postgresql.bin", "/usr/lib/postgresql/15/bin"));
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static volatile Running running;

    private PostgresCluster() {
    }

    /** The URL of the run's database, without credentials. */
    public static String url() {
        Running server = running;
        if (server == null) {
            throw new IllegalStateException("no PostgreSQL: the test class needs @ExtendWith(PostgresServer.class)"
                    + " (a program: PostgresCluster.start())");
        }
        return "jdbc:postgresql://127.0.0.1:" + server.port + "/callcontrol";
    }

    /** A new empty schema: a fresh store for one test; the URL selects it. */
    public static String freshStoreUrl() {
        String schema = "store_" + SCHEMAS.incrementAndGet();
        execute(url(), "CREATE SCHEMA " + schema);
        return url() + "?currentSchema=" + schema;
    }

    /** The storage.* settings of a fresh store, with the credentials the server asks for. */
    public static Map<String, String> freshStoreSettings() {
        return Map.of("storage.url", freshStoreUrl(), "storage.username", USER, "storage.password", PASSWORD);
    }

    public static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * The run's cluster for a part that needs one for a while: the one running already (closing leaves it to its
     * owner; each store is a fresh schema, so the parts do not meet), or a new one that closing stops and deletes.
     */
    public static synchronized AutoCloseable startOrJoin() {
        return startOrJoin(false);
    }

    /** As {@link #startOrJoin()}; a new cluster is {@code durable}: fsync on, as a production server runs. */
    public static synchronized AutoCloseable startOrJoin(boolean durable) {
        return running != null ? () -> { } : start(durable);
    }

    /** The running server; closing it stops and deletes it. */
    private static final class Running implements AutoCloseable {
        private final Path dir;
        private final int port;

        Running(Path dir, int port) {
            this.dir = dir;
            this.port = port;
        }

        @Override
        public void close() throws IOException {
            running = null;
            try {
                run(60, asServerUser(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w",
                        "-m", "immediate", "stop"));
            } finally {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** Starts the cluster: the one {@link #url()} and the fresh stores name until the returned one is closed. */
    public static synchronized AutoCloseable start() {
        return start(false);
    }

    /**
     * Starts the cluster; {@code durable}: with fsync, as PostgreSQL runs by default (a benchmark's commits then
     * wait for the disk as the daemon's SQLite commits do); otherwise without it, for tests. The system property
     * {@code postgresql.options} adds server options (say {@code -c shared_preload_libraries=pg_stat_statements}).
     */
    public static synchronized AutoCloseable start(boolean durable) {
        if (running != null) {
            throw new IllegalStateException("a PostgreSQL cluster is running already");
        }
        if (!Files.isExecutable(BIN.resolve("initdb")) || !Files.isExecutable(BIN.resolve("pg_ctl"))) {
            throw new IllegalStateException("PostgreSQL 15 is not installed (no initdb/pg_ctl in " + BIN
                    + "): the store tests need Debian's postgresql package (apt-get install postgresql); they start"
                    + " a cluster of their own, the system service is not used");
        }
        try {
            Path dir = Files.createTempDirectory("callcontrol-pg");
            Files.writeString(dir.resolve("password"), PASSWORD + "\n", StandardCharsets.UTF_8);
            if (root()) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
                Files.setOwner(dir.resolve("password"), postgres);
            }
            int port = freePort();
            run(120, asServerUser(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                    "--pwfile=" + dir.resolve("password"), "--auth-local=trust", "--auth-host=scram-sha-256",
                    "-E", "UTF8", "--locale=C"));
            run(120, asServerUser(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w",
                    "-t", "60", "-l", dir.resolve("server.log").toString(), "-o",
                    "-h 127.0.0.1 -p " + port + " -k " + dir + (durable ? "" : " -c fsync=off")
                            + " -c max_connections=300 " + System.getProperty("postgresql.options", ""), "start"));
            Running server = new Running(dir, port);
            running = server;
            execute("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "CREATE DATABASE callcontrol");
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String[] asServerUser(String... command) {
        if (!root()) {
            return command;
        }
        List<String> all = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        all.addAll(List.of(command));
        return all.toArray(String[]::new);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void run(int timeoutSeconds, String... command) {
        try {
            Path log = Files.createTempFile("postgres", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            if (!done) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds
                        + " s:\n" + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n"
                        + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
