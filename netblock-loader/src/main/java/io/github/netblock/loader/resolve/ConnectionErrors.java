package io.github.netblock.loader.resolve;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Why a server gave no answer, in words and with the server: {@code connection refused by
 * 127.0.0.1:1}, {@code port unreachable at 127.0.0.1:53 (nothing listens there)}, {@code timeout: ...},
 * instead of an exception's bare class and its message ({@code ConnectException}, {@code
 * PortUnreachableException: null}). The JDK's HTTP client throws a {@code ConnectException} without a
 * message for a refused connection and for an unknown host alike; the cause chain tells them apart.
 */
public final class ConnectionErrors {
    private ConnectionErrors() {}

    /** {@link #describe(Throwable, String, Duration)} without a known timeout. */
    public static String describe(Throwable e, String server) {
        return describe(e, server, null);
    }

    /**
     * @param e       what the connection or query threw
     * @param server  the server asked (host:port, or a URL), named in the text
     * @param timeout the time a connection or an answer was given, for the text of a timeout; null when not known
     */
    public static String describe(Throwable e, String server, Duration timeout) {
        String within = timeout == null ? "in time" : "within " + seconds(timeout);
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
                return "unknown host: no address for " + server;
            }
            if (c instanceof PortUnreachableException) {
                return "port unreachable at " + server + " (nothing listens there)";
            }
            if (c instanceof NoRouteToHostException) {
                return "no route to " + server;
            }
            if (c instanceof HttpConnectTimeoutException) {
                return "timeout: no connection to " + server + " " + within;
            }
            if (c instanceof HttpTimeoutException || c instanceof SocketTimeoutException || c instanceof TimeoutException) {
                return "timeout: no answer from " + server + " " + within;
            }
            if (c instanceof SSLException) {
                return "TLS with " + server + " failed" + (c.getMessage() == null ? "" : ": " + c.getMessage());
            }
        }
        Throwable top = e;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
                if (m.isEmpty() || m.contains("refused")) {
                    return "connection refused by " + server;
                }
                if (m.contains("timed out")) {
                    return "timeout: no connection to " + server + " " + within;
                }
                return m + " (" + server + ")";
            }
        }
        if (top instanceof ClosedChannelException || top instanceof EOFException) {
            return "connection closed by " + server + " before it answered";
        }
        String m = top.getMessage();
        if (m != null && m.toLowerCase(Locale.ROOT).contains("timed out")) {
            return "timeout: no answer from " + server + " " + within;
        }
        if (m != null && m.toLowerCase(Locale.ROOT).contains("connection reset")) {
            return "connection reset by " + server;
        }
        if (top.getClass() == java.io.IOException.class && m != null) {
            return m; // this project's own words ("answer larger than ...")
        }
        return top.getClass().getSimpleName() + (m == null ? "" : ": " + m) + " (" + server + ")";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
