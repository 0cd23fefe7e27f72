package io.github.netblock.loader.resolve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import org.apache.commons.net.whois.WhoisClient;

/**
 * One WHOIS question (RFC 3912: the query line, CRLF, the server answers and closes) with commons-net's
 * {@code WhoisClient}, through the server's {@link ServerGate}: connect and read timeouts, at most
 * {@value #MAX_BYTES} bytes and three timeouts' worth of time for the whole answer, so a server that
 * trickles never holds the run. Answers are read as UTF-8 (ASCII in practice; bad bytes replaced).
 */
final class WhoisQuery {
    static final int MAX_BYTES = 1 << 20;

    private final Politeness politeness;
    private final Function<String, InetSocketAddress> addresses;
    private final Duration timeout;

    /** @param addresses where a server name is reached: port 43 of the name, or a test's loopback port */
    WhoisQuery(Politeness politeness, Function<String, InetSocketAddress> addresses, Duration timeout) {
        this.politeness = politeness;
        this.addresses = addresses;
        this.timeout = timeout;
    }

    static InetSocketAddress port43(String server) {
        int colon = server.lastIndexOf(':');
        if (colon > 0 && server.indexOf(':') == colon && server.substring(colon + 1).matches("\\d{1,5}")) {
            return InetSocketAddress.createUnresolved(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1)));
        }
        return InetSocketAddress.createUnresolved(server, WhoisClient.DEFAULT_PORT);
    }

    /** The answer; an {@link IOException} saying why there is none (the server is then counted as failed). */
    String ask(String server, String query, long deadlineNanos) throws IOException, InterruptedException {
        ServerGate gate = politeness.whois(server);
        ServerGate.Permit permit = gate.enter(deadlineNanos);
        if (permit == null) {
            throw new NotAskedException(RdapClient.deferredBy(gate), gate.dead() ? "not asked: " + gate.server() + " is DEAD: " + gate.deadReason()
                    : "not asked: the run's deadline came first");
        }
        InetSocketAddress where = addresses.apply(server);
        WhoisClient client = new WhoisClient();
        client.setConnectTimeout((int) timeout.toMillis());
        client.setDefaultTimeout((int) timeout.toMillis());
        client.setCharset(StandardCharsets.UTF_8);
        try (permit) {
            client.connect(where.getHostString(), where.getPort());
            client.setSoTimeout((int) timeout.toMillis());
            long until = System.nanoTime() + 3 * timeout.toNanos();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try (InputStream in = client.getInputStream(query)) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    answer.write(buf, 0, n);
                    if (answer.size() > MAX_BYTES) {
                        throw new IOException("answer larger than " + MAX_BYTES + " bytes");
                    }
                    if (System.nanoTime() - until > 0) {
                        throw new IOException("answer still coming after " + 3 * timeout.toSeconds() + " s");
                    }
                }
            }
            gate.answered();
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            String reason = ConnectionErrors.describe(e, server, timeout);
            gate.failed(reason);
            throw new IOException(reason.contains(server) ? reason : server + ": " + reason, e);
        } finally {
            if (client.isConnected()) {
                client.disconnect();
            }
        }
    }
}
