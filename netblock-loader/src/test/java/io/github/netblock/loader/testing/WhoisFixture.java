package io.github.netblock.loader.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A WHOIS server on 127.0.0.1 (RFC 3912: one query line, the answer, close), answering from a map of
 * queries (case-insensitive) to answer texts, and a default answer for the rest ("No match for ...",
 * as a registry says). {@link #iana()} and {@link #verisignStyle}/{@link #nominetStyle} give answers in
 * the shapes of the real servers. Queries are logged. Loops end when closed.
 */
public final class WhoisFixture implements AutoCloseable {
    private final ServerSocket server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "whois-fixture");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    public WhoisFixture() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.setSoTimeout(200);
        pool.execute(this::serve);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    public WhoisFixture answer(String query, String text) {
        answers.put(query.toLowerCase(Locale.ROOT), text);
        return this;
    }

    public List<String> queries() {
        return List.copyOf(queries);
    }

    /** IANA's answer for a TLD: {@code refer:} the registry's server (and {@code whois:} again below). */
    public static String iana(String tld, String registryServer) {
        return "% IANA WHOIS server\r\n% for more information on IANA, visit http://www.iana.org\r\n% This query returned 1 object\r\n\r\n"
                + "refer:        " + registryServer + "\r\n\r\ndomain:       " + tld.toUpperCase(Locale.ROOT) + "\r\n\r\n"
                + "organisation: Example Registry Services\r\naddress:      12061 Bluemont Way\r\n\r\n"
                + "whois:        " + registryServer + "\r\n\r\nstatus:       ACTIVE\r\n";
    }

    /** A thin registry's answer as Verisign writes it (indented, Registrar and Registrar IANA ID). */
    public static String verisignStyle(String domain, String registrar, Long ianaId, String registrarWhois) {
        return "   Domain Name: " + domain.toUpperCase(Locale.ROOT) + "\r\n   Registry Domain ID: 2336799_DOMAIN_COM-VRSN\r\n"
                + (registrarWhois == null ? "" : "   Registrar WHOIS Server: " + registrarWhois + "\r\n")
                + "   Updated Date: 2024-08-14T07:01:34Z\r\n   Creation Date: 1995-08-14T04:00:00Z\r\n"
                + (registrar == null ? "" : "   Registrar: " + registrar + "\r\n")
                + (ianaId == null ? "" : "   Registrar IANA ID: " + ianaId + "\r\n")
                + "   Domain Status: clientDeleteProhibited https://icann.org/epp#clientDeleteProhibited\r\n"
                + "   Name Server: A.IANA-SERVERS.NET\r\n>>> Last update of whois database: 2026-11-25T10:00:00Z <<<\r\n";
    }

    /**
     * A registrar's own WHOIS server's answer (the 2013 RAA layout: unindented, the registrar with its IANA
     * id and abuse contact), where a thin registry's {@code Registrar WHOIS Server:} leads.
     */
    public static String registrarStyle(String domain, String registrar, Long ianaId, String abuseEmail) {
        return "Domain Name: " + domain.toUpperCase(Locale.ROOT) + "\r\nRegistry Domain ID: D402200000000000001-LROR\r\n"
                + "Registrar WHOIS Server: whois.registrar.example\r\nRegistrar URL: http://www.registrar.example\r\n"
                + "Updated Date: 2025-03-02T10:12:09Z\r\nCreation Date: 2003-07-08T18:30:11Z\r\n"
                + "Registrar Registration Expiration Date: 2027-07-08T18:30:11Z\r\n"
                + (registrar == null ? "" : "Registrar: " + registrar + "\r\n")
                + (ianaId == null ? "" : "Registrar IANA ID: " + ianaId + "\r\n")
                + "Registrar Abuse Contact Email: " + abuseEmail + "\r\nRegistrar Abuse Contact Phone: +1.5555550100\r\n"
                + "Domain Status: clientTransferProhibited https://icann.org/epp#clientTransferProhibited\r\n"
                + "Registrant Organization: REDACTED FOR PRIVACY\r\n"
                + "URL of the ICANN Whois Inaccuracy Complaint Form: https://www.icann.org/wicf/\r\n"
                + ">>> Last update of WHOIS database: 2026-11-25T10:00:00Z <<<\r\n";
    }

    /** Nominet's (.uk) layout: the registrar on the line after "Registrar:", with its tag. */
    public static String nominetStyle(String domain, String registrar, String tag) {
        return "\r\n    Domain name:\r\n        " + domain + "\r\n\r\n    Registrar:\r\n        " + registrar + " [Tag = " + tag + "]\r\n"
                + "        URL: https://www.example.co.uk\r\n\r\n    Relevant dates:\r\n        Registered on: 26-Jun-2000\r\n";
    }

    private void serve() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            pool.execute(() -> {
                try (s) {
                    s.setSoTimeout(2000);
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    String q = in.readLine();
                    if (q == null) {
                        return;
                    }
                    q = q.strip();
                    queries.add(q);
                    String a = answers.getOrDefault(q.toLowerCase(Locale.ROOT), "No match for \"" + q.toUpperCase(Locale.ROOT) + "\".\r\n");
                    OutputStream out = s.getOutputStream();
                    out.write(a.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    // the client went away
                }
            });
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
