package io.callcontrol.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callcontrol.Await;
import io.callcontrol.config.AmiConfig;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.util.SocketConnectionFacade;
import org.junit.jupiter.api.Test;

/** How a (re)connect meets an Asterisk whose AMI port refuses while it restarts: over real loopback sockets. */
class AmiConnectionTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void aConnectToARefusingPortIsTriedAgainUntilItListens() throws Exception {
        int port = freePort();
        AmiConnection connection = connection(port);
        CompletableFuture<SocketConnectionFacade> socket = CompletableFuture.supplyAsync(() -> create(connection));
        Await.until(() -> connection.refusals() >= 2 || socket.isDone(), Duration.ofSeconds(5),
                "two refused connects tried again");
        assertThat(socket).as("still trying while the port refuses").isNotDone();

        try (ServerSocket asterisk = new ServerSocket(port, 1, LOOPBACK)) {
            asterisk.setSoTimeout(5_000);
            try (Socket accepted = asterisk.accept()) {
                SocketConnectionFacade connected = socket.get(5, TimeUnit.SECONDS);
                assertThat(accepted.getPort()).isPositive();
                connected.close();
            }
        }
    }

    @Test
    void stoppingEndsTheTryingAtOnceWithTheRefusal() throws Exception {
        AmiConnection connection = connection(freePort());
        CompletableFuture<SocketConnectionFacade> socket = CompletableFuture.supplyAsync(() -> create(connection));
        Await.until(() -> connection.refusals() >= 1 || socket.isDone(), Duration.ofSeconds(5), "a refused connect");

        connection.stopConnecting();

        assertThatThrownBy(() -> socket.get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(ConnectException.class);
    }

    private static SocketConnectionFacade create(AmiConnection connection) {
        try {
            return connection.createSocket();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AmiConnection connection(int port) {
        return new AmiConnection(new AmiConfig(LOOPBACK.getHostAddress(), port, "callcontrol", "secret",
                Duration.ofSeconds(30), Duration.ofSeconds(10), 1_000));
    }

    /** A loopback port nothing listens on: the kernel refuses connects to it at once. */
    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            return probe.getLocalPort();
        }
    }
}
