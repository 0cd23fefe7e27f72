package io.github.netblock.loader.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cause of a failed connection or query in words, with the server, never "ConnectException" or "...: null". */
class ConnectionErrorsTest {
    private static ConnectException withCause(Throwable cause) {
        ConnectException e = new ConnectException();
        e.initCause(cause);
        return e;
    }

    @Test
    void theJdksOwnExceptionsOfARefusedConnection() throws IOException, InterruptedException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        // the HTTP client: a ConnectException without a message around a ClosedChannelException
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closed + "/")).build(),
                    HttpResponse.BodyHandlers.discarding());
            throw new AssertionError("connected to a closed port");
        } catch (IOException e) {
            assertThat(ConnectionErrors.describe(e, "127.0.0.1:" + closed)).isEqualTo("connection refused by 127.0.0.1:" + closed);
        }
        // a plain socket (commons-net's WHOIS client): "Connection refused"
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), closed), 2000);
            throw new AssertionError("connected to a closed port");
        } catch (IOException e) {
            assertThat(ConnectionErrors.describe(e, "127.0.0.1:" + closed)).isEqualTo("connection refused by 127.0.0.1:" + closed);
        }
    }

    @Test
    void eachCauseInWords() {
        assertThat(ConnectionErrors.describe(withCause(new ClosedChannelException()), "rdap.example:443"))
                .isEqualTo("connection refused by rdap.example:443");
        assertThat(ConnectionErrors.describe(withCause(new UnresolvedAddressException()), "rdap.invalid:443"))
                .isEqualTo("unknown host: no address for rdap.invalid:443");
        assertThat(ConnectionErrors.describe(new PortUnreachableException(), "127.0.0.1:53"))
                .isEqualTo("port unreachable at 127.0.0.1:53 (nothing listens there)");
        assertThat(ConnectionErrors.describe(new HttpConnectTimeoutException("HTTP connect timed out"), "192.0.2.1:443", Duration.ofSeconds(5)))
                .isEqualTo("timeout: no connection to 192.0.2.1:443 within 5 s");
        assertThat(ConnectionErrors.describe(new SocketTimeoutException("Read timed out"), "whois.example:43", Duration.ofMillis(1500)))
                .isEqualTo("timeout: no answer from whois.example:43 within 1500 ms");
        assertThat(ConnectionErrors.describe(new ConnectException("Connection timed out"), "192.0.2.1:43", null))
                .isEqualTo("timeout: no connection to 192.0.2.1:43 in time");
        assertThat(ConnectionErrors.describe(new IOException("answer larger than 1048576 bytes"), "whois.example:43"))
                .as("the project's own words stay").isEqualTo("answer larger than 1048576 bytes");
        assertThat(ConnectionErrors.describe(new IllegalStateException(), "x:1")).isEqualTo("IllegalStateException (x:1)");
    }
}
