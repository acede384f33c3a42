package io.callcontrol.http;

import static io.callcontrol.http.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.config.HttpConfig;
import io.callcontrol.config.RecordingsConfig;
import io.callcontrol.storage.Recording;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Recordings fetched by URL: whole, by range, by HEAD, and never from outside recordings.dir. */
class RecordingDownloadTest {

    private static final byte[] WAV = new byte[1000];
    private static HttpApiServer server;
    private static ApiClient client;

    @TempDir
    static Path root;

    @BeforeAll
    static void start() throws Exception {
        for (int i = 0; i < WAV.length; i++) {
            WAV[i] = (byte) i;
        }
        // root/spool/monitor is recordings.dir; root/etc/passwd and root/spool/secret.txt exist just outside it.
        Path monitor = Files.createDirectories(root.resolve("spool/monitor"));
        Files.createDirectories(monitor.resolve("2024"));
        Files.write(monitor.resolve("2024/15-42.wav"), WAV);
        Files.write(monitor.resolve("16-44.gsm"), new byte[33]);
        Files.writeString(Files.createDirectories(root.resolve("etc")).resolve("passwd"), "root:x:0:0 secret");
        Files.writeString(root.resolve("spool/secret.txt"), "top secret");
        Files.createSymbolicLink(monitor.resolve("link.wav"), root.resolve("spool/secret.txt"));

        FakeHistory history = new FakeHistory();
        history.recordings.add(new Recording(1, 42, "15", "2024/15-42.wav", WAV.length, 3000, Instant.EPOCH));
        history.recordings.add(new Recording(2, 44, "16", "16-44.gsm", 33, 100, Instant.EPOCH));
        history.recordings.add(new Recording(3, 45, "17", "../../etc/passwd", 10, 10, Instant.EPOCH));
        history.recordings.add(new Recording(4, 46, "18", "link.wav", 10, 10, Instant.EPOCH));
        history.recordings.add(new Recording(5, 47, "19", "../secret.txt", 10, 10, Instant.EPOCH));
        history.recordings.add(new Recording(6, 48, "20", "missing.wav", 10, 10, Instant.EPOCH));
        server = new HttpApiServer(new HttpConfig("127.0.0.1", 0, "", 4096, 2),
                new RecordingsConfig(monitor, "wav"), history, new FakeDialer(), ZoneOffset.UTC);
        client = new ApiClient(server.start());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theUrlRecordListGivesPlaysTheWholeFile() throws Exception {
        String url = json(client.get("/api/recordList.json?per_page=500")).at("/records/5/url").asText();
        assertThat(url).isEqualTo(client.base() + "/recordings/1.wav");

        HttpResponse<byte[]> response = client.get(url.substring(client.base().length()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(WAV);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.headers().firstValue("Content-Length")).hasValue("1000");
    }

    @Test
    void firstBytes() throws Exception {
        HttpResponse<byte[]> response = client.get("/recordings/1.wav", "Range", "bytes=0-9");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 0-9/1000");
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(WAV, 0, 10));
    }

    @Test
    void suffix() throws Exception {
        HttpResponse<byte[]> response = client.get("/recordings/1.wav", "Range", "bytes=-100");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 900-999/1000");
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(WAV, 900, 1000));
    }

    @Test
    void openEnded() throws Exception {
        HttpResponse<byte[]> response = client.get("/recordings/1.wav", "Range", "bytes=990-");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 990-999/1000");
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(WAV, 990, 1000));
    }

    @Test
    void unsatisfiable() throws Exception {
        HttpResponse<byte[]> response = client.get("/recordings/1.wav", "Range", "bytes=1000-");

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes */1000");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void headGivesTheSizeWithoutTheBody() throws Exception {
        HttpResponse<byte[]> response = client.method("HEAD", "/recordings/1.wav");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue("1000");
        assertThat(response.body()).isEmpty();
        // The connection is still usable afterwards.
        assertThat(client.get("/recordings/1.wav", "Range", "bytes=0-0").body()).containsExactly(0);
    }

    @Test
    void gsmHasItsOwnType() throws Exception {
        HttpResponse<byte[]> response = client.get("/recordings/2.gsm");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/x-gsm");
        assertThat(response.body()).hasSize(33);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/recordings/3", "/recordings/4.wav", "/recordings/5.txt", "/recordings/6.wav",
            "/recordings/1.gsm", "/recordings/99.wav", "/recordings/abc", "/recordings/", "/recordings/1.wav/x",
            "/recordings/..%2F..%2Fetc%2Fpasswd", "/recordings/1.wav%00"})
    void nothingOutsideTheFolderOrUnknownIsServed(String path) throws Exception {
        HttpResponse<byte[]> response = client.get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(ApiClient.text(response)).doesNotContain("secret").doesNotContain(root.toString());
    }

    @Test
    void onlyGetAndHead() throws Exception {
        HttpResponse<byte[]> response = client.method("DELETE", "/recordings/1.wav");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }
}
