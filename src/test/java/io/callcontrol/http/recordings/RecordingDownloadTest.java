package io.callcontrol.http.recordings;

import static io.callcontrol.http.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.callcontrol.config.HttpConfig;
import io.callcontrol.config.RecordingsConfig;
import io.callcontrol.http.ApiClient;
import io.callcontrol.http.FakeHistory;
import io.callcontrol.http.HttpApiServer;
import io.callcontrol.http.RawHttp;
import io.callcontrol.http.TestParts;
import io.callcontrol.recording.Recording;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Recordings fetched by URL: whole, by range, by HEAD, and never from outside recordings.dir. */
class RecordingDownloadTest {

    private static final byte[] WAV = new byte[1000];
    private static HttpApiServer server;
    private static ApiClient client;
    private static int port;

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
        // A folder link leading out of recordings.dir, and one that stays inside it.
        Files.writeString(Files.createDirectories(root.resolve("outside")).resolve("secret.wav"), "top secret");
        Files.createSymbolicLink(monitor.resolve("linked-out"), root.resolve("outside"));
        Files.createSymbolicLink(monitor.resolve("linked-in"), monitor.resolve("2024"));

        FakeHistory history = new FakeHistory();
        history.recordings.add(new Recording(1, 42, "15", "2024/15-42.wav", WAV.length, 3000, Instant.EPOCH));
        history.recordings.add(new Recording(2, 44, "16", "16-44.gsm", 33, 100, Instant.EPOCH));
        history.recordings.add(new Recording(3, 45, "17", "../../etc/passwd", 10, 10, Instant.EPOCH));
        history.recordings.add(new Recording(4, 46, "18", "link.wav", 10, 10, Instant.EPOCH));
        history.recordings.add(new Recording(5, 47, "19", "../secret.txt", 10, 10, Instant.EPOCH));
        history.recordings.add(new Recording(6, 48, "20", "missing.wav", 10, 10, Instant.EPOCH));
        history.recordings.add(new Recording(7, 49, "21", "linked-out/secret.wav", 10, 10, Instant.EPOCH));
        history.recordings.add(new Recording(8, 50, "22", "linked-in/15-42.wav", WAV.length, 10, Instant.EPOCH));
        history.recordings.add(new Recording(9, 51, "23", root.resolve("etc/passwd").toString(), 10, 10,
                Instant.EPOCH));
        history.recordings.add(new Recording(10, 52, "24", "2024/15-42.wav\0.wav", 10, 10, Instant.EPOCH));
        history.recordings.add(new Recording(11, 53, "25", "%2e%2e/secret.txt", 10, 10, Instant.EPOCH));
        history.recordings.add(new Recording(12, 54, "26", "2024/../../secret.txt", 10, 10, Instant.EPOCH));
        server = new TestParts(new HttpConfig("127.0.0.1", 0, "", 4096, 2), new RecordingsConfig(monitor, "wav"))
                .history(history).server();
        port = server.start();
        client = new ApiClient(port);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theUrlRecordListGivesPlaysTheWholeFile() throws Exception {
        String url = json(client.get("/api/recordList.json?per_page=500")).at("/records/11/url").asText();
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
            "/recordings/..%2F..%2Fetc%2Fpasswd", "/recordings/1.wav%00",
            // encoded dots and slashes, upper and lower case, mixed with plain ones
            "/recordings/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/recordings/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
            "/recordings/..%2f..%2fetc%2fpasswd", "/recordings/%2e%2e/%2e%2e/etc/passwd", "/recordings/.%2e/secret.txt",
            "/recordings/../secret.txt", "/recordings/..%5c..%5cetc%5cpasswd", "/recordings/1.wav%2f..%2f..%2fsecret.txt",
            // double encoding: decoded once it is still "%2e%2e%2f", which names no recording
            "/recordings/%252e%252e%252fetc%252fpasswd", "/recordings/..%252f..%252fetc%252fpasswd",
            "/recordings/%25252e%25252e%25252f",
            // NUL bytes, encoded, before and after the extension
            "/recordings/%00", "/recordings/1%00.wav", "/recordings/1.wav%00.txt", "/recordings/%00/../1.wav",
            // rows whose file leads out: a symlinked folder, an absolute path, a NUL, dots in the stored name
            "/recordings/7.wav", "/recordings/9", "/recordings/10.wav", "/recordings/11.txt", "/recordings/12.txt",
            // the id itself dressed up
            "/recordings/./1.wav", "/recordings//1.wav", "/recordings/+1.wav", "/recordings/1.WAV.", "/recordings/01x.wav"})
    void nothingOutsideTheFolderOrUnknownIsServed(String path) throws Exception {
        HttpResponse<byte[]> response = client.get(path);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(ApiClient.text(response)).doesNotContain("secret").doesNotContain(root.toString());
    }

    @Test
    void aFolderLinkThatStaysInsideIsServed() throws Exception {
        HttpResponse<byte[]> response = client.get("/recordings/8.wav");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(WAV);
    }

    /** Sent byte for byte: a raw NUL is not HTTP (400 before any lookup); the rest name no recording (404). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "GET /recordings/1.wav\0 HTTP/1.1|400", "GET /recordings/\0../../etc/passwd HTTP/1.1|400",
        "GET /recordings/../../etc/passwd HTTP/1.1|404", "GET /recordings/..\\..\\etc\\passwd HTTP/1.1|404",
        "GET /recordings/%c0%ae%c0%ae%c0%afetc%c0%afpasswd HTTP/1.1|404",
        "GET /recordings/%2e%2e%2f%2e%2e%2fetc%2fpasswd%00.wav HTTP/1.1|404",
        "GET /recordings/3?x=../../etc/passwd HTTP/1.1|404"})
    void rawHostileRequestLinesServeNothing(String requestLine, int status) throws Exception {
        try (RawHttp raw = new RawHttp(port, 5_000)) {
            raw.send(requestLine + "\r\nHost: test\r\nConnection: close\r\n\r\n");

            RawHttp.Answer answer = raw.read();

            assertThat(answer.status()).as(answer.text()).isEqualTo(status);
            assertThat(answer.text()).doesNotContain("secret").doesNotContain("root:x").doesNotContain(root.toString());
        }
    }

    @Test
    void onlyGetAndHead() throws Exception {
        HttpResponse<byte[]> response = client.method("DELETE", "/recordings/1.wav");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }
}
