package io.callcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.call.CallRecord;
import io.callcontrol.call.FirstParty;
import io.callcontrol.config.StorageConfig;
import io.callcontrol.storage.CallStore;
import io.callcontrol.storage.Database;
import io.callcontrol.storage.SqlHistory;
import io.callcontrol.testbed.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The jar users run, on PostgreSQL: the driver and the schema survive packaging, and the copy command works. */
@ExtendWith(PostgresServer.class)
class PackagedJarPostgresIT {

    private static final Path JAR = Path.of(System.getProperty("callcontrol.jar", "target/callcontrol.jar"));

    @TempDir
    Path dir;

    @Test
    void theJarCopiesASqliteStoreIntoPostgresqlWithoutShowingThePassword() throws Exception {
        Path file = dir.resolve("store.db");
        CallRecord call;
        try (Database sqlite = Database.open(new StorageConfig("jdbc:sqlite:" + file, "", "", 2));
                CallStore store = new CallStore(sqlite, Clock.tickMillis(ZoneOffset.UTC))) {
            store.createCall("201", "+79001234567", "order-1", "key-1", FirstParty.OPERATOR, Duration.ofSeconds(10)).join();
            call = store.createCall("202", "+79001234568", "order-1", "key-2", FirstParty.CLIENT,
                    Duration.ofSeconds(10)).join();
        }
        String url = PostgresServer.freshStoreUrl().replace("jdbc:postgresql://",
                "jdbc:postgresql://" + PostgresServer.USER + ":" + PostgresServer.PASSWORD + "@");

        Result result = run("migrate-sqlite-to-postgresql", "--from", file.toString(), "storage.url=" + url);

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("copied").contains("calls=2").doesNotContain(PostgresServer.PASSWORD);
        StorageConfig postgres = new StorageConfig(url.replace(PostgresServer.USER + ":" + PostgresServer.PASSWORD + "@", ""),
                PostgresServer.USER, PostgresServer.PASSWORD, 2);
        try (Database database = Database.open(postgres)) {
            assertThat(new SqlHistory(database).callsOfOrder("order-1", 0, 1_000)).hasSize(2).last().isEqualTo(call);
        }

        Result again = run("migrate-sqlite-to-postgresql", "--from", file.toString(), "storage.url=" + url);
        assertThat(again.exitCode).as(again.output).isEqualTo(1);
        assertThat(again.output).contains("not empty").doesNotContain(PostgresServer.PASSWORD);
    }

    private static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
