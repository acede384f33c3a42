package io.callcontrol.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callcontrol.testbed.AsteriskTestbed;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The .deb as an admin installs it: {@code dpkg -i} (and {@code apt-get -f install} for its Java) into the
 * testbed's Debian sid chroot, the one Asterisk runs in; the daemon started there as callcontrol.service
 * starts it (its ExecStart, user and working directory, then its ExecStartPost readiness check); a call
 * through the API with the generated key; SIGTERM; then {@code dpkg --purge} leaves nothing behind.
 * The Java runtime apt installs stays in the chroot, so later runs skip the download.
 */
@ExtendWith(AsteriskTestbed.class)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class PackageIT {

    private static final Path ROOT = Path.of(
            System.getenv().getOrDefault("ASTERISK_TESTBED_DIR", "/var/lib/callcontrol-testbed"), "sid");
    private static final Path JAR = Path.of(System.getProperty("callcontrol.jar", "target/callcontrol.jar"));
    /** The chroot's mirror serves a frozen sid whose Release file has expired. */
    private static final List<String> APT = List.of("apt-get", "-o", "Acquire::Check-Valid-Until=false",
            "-o", "Acquire::Check-Date=false", "-y", "-q", "--no-install-recommends");
    private static final String DEB_IN_ROOT = "/tmp/callcontrol-package-it.deb";
    private static final String UNIT = "/usr/lib/systemd/system/callcontrol.service";
    private static final String CONF = "/etc/callcontrol/callcontrol.properties";
    private static final Pattern API_KEY = Pattern.compile("(?m)^http\\.api\\.keys = crm:([A-Za-z0-9_-]{32})$");
    private static final Set<String> TERMINAL = Set.of("OPERATOR_NOANSWER", "OPERATOR_BUSY", "OPERATOR_OFFLINE",
            "CLIENT_NOANSWER", "CLIENT_BUSY", "CLIENT_CANCEL", "ERROR", "FINISH");
    private static final List<String> PACKAGE_PATHS = List.of("/usr/share/callcontrol", "/usr/libexec/callcontrol",
            UNIT, "/etc/callcontrol", "/var/lib/callcontrol", "/usr/share/doc/callcontrol",
            "/usr/share/lintian/overrides/callcontrol", "/etc/systemd/system/multi-user.target.wants/callcontrol.service",
            "/var/lib/systemd/deb-systemd-helper-enabled/callcontrol.service.dsh-also",
            "/var/lib/dpkg/info/callcontrol.list");

    @Test
    void debInstallsRunsAsItsUnitPlacesACallAndPurgesClean() throws Exception {
        Path deb = builtDeb();
        purgeIfInstalled();
        Process daemon = null;
        Path log = Files.createTempFile("callcontrol-package-it", ".log");
        try {
            install(deb);
            assertInstalledAsAdminsExpect();
            String key = apiKey();

            reinstall();
            assertThat(apiKey()).as("the key survives a reinstall").isEqualTo(key);

            int port = freePort();
            daemon = startAsTheUnitDoes(port, log);
            assertThat(readinessCheck(daemon.pid(), port)).as(read(log)).isZero();
            assertThat(read(log)).contains("serving HTTP on 127.0.0.1:" + port);

            RunningDaemon api = RunningDaemon.client(port);
            assertThat(api.api("sipList", Map.of()).status()).as("no key, no answer").isEqualTo(401);
            awaitOperators(api, key);
            JsonNode call = busyOperatorCall(api, key);
            assertThat(call.get("status").asText()).as("%s", call).isEqualTo("OPERATOR_BUSY");

            daemon.toHandle().destroy();
            assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).as(read(log)).isTrue();
            assertThat(daemon.exitValue()).as("SIGTERM ends it as SuccessExitStatus expects: %s", read(log))
                    .isIn(0, 143);
        } catch (Throwable failure) {
            System.out.println("---- daemon output ----\n" + read(log) + "\n---- end of daemon output ----");
            throw failure;
        } finally {
            if (daemon != null && daemon.isAlive()) {
                daemon.toHandle().destroyForcibly();
                daemon.waitFor(10, TimeUnit.SECONDS);
            }
            purgeIfInstalled();
            Files.deleteIfExists(inRoot(DEB_IN_ROOT));
            Files.deleteIfExists(log);
        }
        assertPurgedClean();
    }

    /** What {@code mvn package} built beside the jar (the newest, should older versions' be there too). */
    private static Path builtDeb() throws IOException {
        try (Stream<Path> files = Files.list(JAR.toAbsolutePath().getParent())) {
            return files.filter(f -> f.getFileName().toString().matches("callcontrol_.+_all\\.deb"))
                    .max(Comparator.comparing(f -> f.toFile().lastModified()))
                    .orElseThrow(() -> new AssertionError("no callcontrol_*_all.deb beside " + JAR
                            + ": mvn package builds it"));
        }
    }

    /** As an admin would: dpkg -i, and apt-get -f install when dpkg reports missing dependencies. */
    private static void install(Path deb) throws Exception {
        assertThat(inRoot("/proc/self")).as("the testbed mounts /proc in the chroot; Java needs it").exists();
        Files.copy(deb, inRoot(DEB_IN_ROOT), StandardCopyOption.REPLACE_EXISTING);
        Result dpkg = chroot(120, "dpkg", "-i", DEB_IN_ROOT);
        if (dpkg.exit() != 0) {
            try (Stream<Path> lists = Files.list(inRoot("/var/lib/apt/lists"))) {
                if (lists.noneMatch(f -> f.toString().endsWith("_Packages"))) {
                    chroot(300, concat(APT, "update")).assertSuccess();
                }
            }
            chroot(600, concat(APT, "-f", "install")).assertSuccess();
        }
        assertThat(chroot(30, "dpkg-query", "-W", "-f", "${Status}", "callcontrol").output())
                .as("after dpkg -i: %s", dpkg.output()).isEqualTo("install ok installed");
    }

    private static void reinstall() throws Exception {
        chroot(120, "dpkg", "-i", DEB_IN_ROOT).assertSuccess();
    }

    private static void assertInstalledAsAdminsExpect() throws Exception {
        for (String file : List.of("/usr/share/callcontrol/callcontrol.jar", "/usr/libexec/callcontrol/wait-ready", UNIT,
                "/usr/share/doc/callcontrol/README.md",
                "/usr/share/doc/callcontrol/asterisk-conf/manager.d/callcontrol.conf")) {
            assertThat(inRoot(file)).as(file).exists();
        }
        // enabled for the next boot, as debhelper's packages are (its target is absolute: inside the chroot)
        assertThat(inRoot("/etc/systemd/system/multi-user.target.wants/callcontrol.service")).isSymbolicLink();
        assertThat(Files.isExecutable(inRoot("/usr/libexec/callcontrol/wait-ready"))).isTrue();
        assertThat(chroot(30, "dpkg-query", "-W", "-f", "${Conffiles}", "callcontrol").output()).contains(CONF);

        PosixFileAttributes conf = Files.readAttributes(inRoot(CONF), PosixFileAttributes.class);
        assertThat(PosixFilePermissions.toString(conf.permissions())).as(CONF).isEqualTo("rw-r-----");
        assertThat(ownerOf(CONF)).isEqualTo("root:callcontrol");
        assertThat(ownerOf("/var/lib/callcontrol")).isEqualTo("callcontrol:callcontrol");
        assertThat(chroot(30, "id", "-nG", "callcontrol").output().split("\\s+"))
                .as("reads MixMonitor's files").contains("callcontrol", "asterisk");
        assertThat(chroot(30, "getent", "passwd", "callcontrol").output()).contains(":/var/lib/callcontrol:");
    }

    private static String apiKey() throws IOException {
        Matcher key = API_KEY.matcher(read(inRoot(CONF)));
        assertThat(key.find()).as("postinst generated http.api.keys in %s", CONF).isTrue();
        return key.group(1);
    }

    /**
     * The unit's ExecStart, as its User and Group with their groups, in its WorkingDirectory, with its UMask, no
     * privileges and a private /tmp (its own mount namespace: what the JVM and SQLite's driver leave there goes
     * with it), in a clean environment; the HTTP port moved by an environment override, as a drop-in's
     * {@code Environment=} would. Its FastAGI port stays 4573, where the testbed's dialplan calls.
     */
    private static Process startAsTheUnitDoes(int httpPort, Path log) throws Exception {
        Map<String, String> unit = unitSettings();
        assertThat(unit.get("User")).isEqualTo("callcontrol");
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o mode=1777 private-tmp \"$0/tmp\" && exec chroot \"$0\" \"$@\"", ROOT.toString()));
        command.addAll(serviceEnvironment(httpPort));
        command.addAll(asUnitUser(unit));
        command.addAll(List.of("sh", "-c", "umask " + unit.get("UMask") + " && cd \"$0\" && exec \"$@\"",
                unit.get("WorkingDirectory")));
        command.addAll(List.of(unit.get("ExecStart").split("\\s+")));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The unit's ExecStartPost as systemd runs it: the service's environment plus MAINPID; its exit code. */
    private static int readinessCheck(long mainPid, int httpPort) throws Exception {
        Map<String, String> unit = unitSettings();
        List<String> command = new ArrayList<>(serviceEnvironment(httpPort));
        command.add("MAINPID=" + mainPid);
        command.addAll(asUnitUser(unit));
        command.addAll(List.of(unit.get("ExecStartPost").split("\\s+")));
        Result check = chroot(120, command.toArray(String[]::new));
        System.out.println("ExecStartPost: " + check.output());
        return check.exit();
    }

    /** A clean environment, as systemd gives a service, with the test's port as a drop-in's Environment=. */
    private static List<String> serviceEnvironment(int httpPort) {
        return List.of("env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8", "HOME=/var/lib/callcontrol",
                "CALLCONTROL_HTTP_PORT=" + httpPort);
    }

    private static List<String> asUnitUser(Map<String, String> unit) {
        return List.of("setpriv", "--reuid=" + unit.get("User"), "--regid=" + unit.get("Group"), "--init-groups",
                "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all");
    }

    /** The [Service] settings of the installed unit that say how the daemon is started. */
    private static Map<String, String> unitSettings() throws IOException {
        Map<String, String> settings = new HashMap<>();
        for (String line : Files.readAllLines(inRoot(UNIT))) {
            int eq = line.indexOf('=');
            String name = eq > 0 ? line.substring(0, eq) : "";
            if (Set.of("ExecStart", "ExecStartPost", "User", "Group", "WorkingDirectory", "UMask").contains(name)) {
                settings.put(name, line.substring(eq + 1).trim());
            }
        }
        assertThat(settings).as(UNIT).containsKeys("ExecStart", "ExecStartPost", "User", "Group", "WorkingDirectory",
                "UMask");
        assertThat(settings.get("ExecStart")).contains("/usr/share/callcontrol/callcontrol.jar").contains(CONF);
        return settings;
    }

    /** Until the daemon has learnt the testbed's operators over AMI (makeCall answers 503 before). */
    private static void awaitOperators(RunningDaemon api, String key) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        RunningDaemon.Reply reply = null;
        while (System.nanoTime() < deadline) {
            reply = api.api("sipList", Map.of("status", "online,offline,inuse", "api_key", key));
            if (reply.status() == 200 && reply.json().get("total").asLong() >= 5) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the packaged daemon did not learn the testbed's operators in 30 s: " + reply);
    }

    /** Operator 1001 answers 486: the call ends OPERATOR_BUSY. Returns its callHistory once it has ended. */
    private static JsonNode busyOperatorCall(RunningDaemon api, String key) throws Exception {
        RunningDaemon.Reply made = api.api("makeCall", Map.of("sip", "1001", "phone", "380639920000",
                "order_id", "package-it", "external_key", "package-it-" + UUID.randomUUID(), "api_key", key));
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        String callId = made.json().get("call_id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode call = null;
        while (System.nanoTime() < deadline) {
            call = api.api("callHistory", Map.of("call_id", callId, "api_key", key)).json();
            if (TERMINAL.contains(call.get("status").asText())) {
                return call;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("call " + callId + " did not end in 30 s: " + call);
    }

    private static void purgeIfInstalled() throws Exception {
        if (known()) {
            chroot(120, "dpkg", "--purge", "callcontrol").assertSuccess();
        }
    }

    /** Whether dpkg knows the package at all: installed, half-installed, or removed with its config left. */
    private static boolean known() throws Exception {
        Result status = chroot(30, "dpkg-query", "-W", "-f", "${db:Status-Status}", "callcontrol");
        return status.exit() == 0 && !status.output().equals("not-installed");
    }

    private static void assertPurgedClean() throws Exception {
        for (String path : PACKAGE_PATHS) {
            assertThat(Files.exists(inRoot(path), LinkOption.NOFOLLOW_LINKS)).as(path).isFalse();
        }
        assertThat(chroot(30, "dpkg-statoverride", "--list", CONF).exit()).as("statoverride left").isNotZero();
        assertThat(known()).as("dpkg still knows callcontrol").isFalse();
    }

    private static String ownerOf(String path) throws Exception {
        return chroot(30, "stat", "-c", "%U:%G", path).assertSuccess().output();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path inRoot(String path) {
        return ROOT.resolve(path.substring(1));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static String[] concat(List<String> head, String... tail) {
        return Stream.concat(head.stream(), Stream.of(tail)).toArray(String[]::new);
    }

    /** A command inside the chroot, bounded in time; its exit code and output (stdout and stderr, trimmed). */
    private static Result chroot(int timeoutSeconds, String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("chroot", ROOT.toString(), "env",
                "DEBIAN_FRONTEND=noninteractive", "LANG=C.UTF-8", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"));
        full.addAll(List.of(command));
        File out = Files.createTempFile("chroot", ".out").toFile();
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds
                        + " s:\n" + read(out.toPath()));
            }
            return new Result(String.join(" ", command), process.exitValue(), read(out.toPath()).trim());
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }

    private record Result(String command, int exit, String output) {
        Result assertSuccess() {
            assertThat(exit).as("%s:\n%s", command, output).isZero();
            return this;
        }
    }
}
