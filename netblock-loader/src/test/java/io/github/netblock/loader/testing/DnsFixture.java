package io.github.netblock.loader.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A DNS server on 127.0.0.1, UDP and TCP on the same port, built on dnsjava's message classes,
 * answering from a zone map: PTR, A and AAAA records; NXDOMAIN for names it does not know (NOERROR
 * without records for a known name of another type); SERVFAIL, silence (the client times out) and
 * truncation (over UDP: the TC bit and no records, so the client asks again over TCP, where the full
 * answer comes) for the names it is told. Counts queries per transport. Every loop ends when the
 * server is closed (sockets time out every 200 ms to look).
 */
public final class DnsFixture implements AutoCloseable {
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Map<Name, List<Record>> zone = new ConcurrentHashMap<>();
    private final Set<Name> servfail = ConcurrentHashMap.newKeySet();
    private final Set<Name> silent = ConcurrentHashMap.newKeySet();
    private final Set<Name> truncated = ConcurrentHashMap.newKeySet();
    private volatile Function<Name, String> anyPtr;
    private final AtomicLong udpQueries = new AtomicLong();
    private final AtomicLong tcpQueries = new AtomicLong();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dns-fixture");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    public DnsFixture() throws IOException {
        DatagramSocket u = null;
        ServerSocket t = null;
        for (int attempt = 0; attempt < 20 && t == null; attempt++) { // the same free port for both
            u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                t = new ServerSocket();
                t.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), u.getLocalPort()), 64);
            } catch (IOException e) {
                u.close();
                t = null;
            }
        }
        if (t == null) {
            throw new IOException("no port free for both UDP and TCP");
        }
        udp = u;
        tcp = t;
        udp.setSoTimeout(200);
        tcp.setSoTimeout(200);
        threads.execute(this::serveUdp);
        threads.execute(this::serveTcp);
    }

    public int port() {
        return udp.getLocalPort();
    }

    /** "127.0.0.1:PORT", for --dns-server. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    private static Name name(String n) {
        try {
            return Name.fromString(n.endsWith(".") ? n : n + ".");
        } catch (IOException e) {
            throw new IllegalArgumentException(n, e);
        }
    }

    private static Name reverse(String ip) {
        try {
            return ReverseMap.fromAddress(InetAddress.getByAddress(io.github.netblock.index.ip.IpAddress.parse(ip).toBytes()));
        } catch (IOException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    /** A PTR record: {@code ip} -> {@code host}. */
    public DnsFixture ptr(String ip, String host) {
        Name r = reverse(ip);
        zone.computeIfAbsent(r, k -> new ArrayList<>()).add(new PTRRecord(r, DClass.IN, 3600, name(host)));
        return this;
    }

    /** An A or AAAA record: {@code host} -> {@code ip}. */
    public DnsFixture address(String host, String ip) {
        Name n = name(host);
        try {
            InetAddress a = InetAddress.getByAddress(io.github.netblock.index.ip.IpAddress.parse(ip).toBytes());
            zone.computeIfAbsent(n, k -> new ArrayList<>()).add(a.getAddress().length == 4 ? new ARecord(n, DClass.IN, 3600, a)
                    : new AAAARecord(n, DClass.IN, 3600, a));
        } catch (IOException e) {
            throw new IllegalArgumentException(ip, e);
        }
        return this;
    }

    /** The reverse name of {@code ip} exists, with no PTR record (NOERROR, no answer). */
    public DnsFixture noPtr(String ip) {
        zone.computeIfAbsent(reverse(ip), k -> new ArrayList<>());
        return this;
    }

    public DnsFixture servfail(String ip) {
        servfail.add(reverse(ip));
        return this;
    }

    /** Queries for {@code ip}'s PTR get no answer at all. */
    public DnsFixture silent(String ip) {
        silent.add(reverse(ip));
        return this;
    }

    /** Over UDP the answer is truncated (TC bit, no records); over TCP it comes whole. */
    public DnsFixture truncated(String ip) {
        truncated.add(reverse(ip));
        return this;
    }

    /** Every PTR query the zone does not know is answered with {@code namer(reverse name)} (benchmarks). */
    public DnsFixture anyPtr(Function<Name, String> namer) {
        anyPtr = namer;
        return this;
    }

    public long udpQueries() {
        return udpQueries.get();
    }

    public long tcpQueries() {
        return tcpQueries.get();
    }

    /** The answer to a query, or null for silence. */
    private Message answer(Message q, boolean overUdp) {
        Record question = q.getQuestion();
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RA);
        if (q.getHeader().getFlag(Flags.RD)) {
            r.getHeader().setFlag(Flags.RD);
        }
        if (question == null) {
            r.getHeader().setRcode(Rcode.FORMERR);
            return r;
        }
        r.addRecord(question, Section.QUESTION);
        Name n = question.getName();
        if (silent.contains(n)) {
            return null;
        }
        if (servfail.contains(n)) {
            r.getHeader().setRcode(Rcode.SERVFAIL);
            return r;
        }
        if (overUdp && truncated.contains(n)) {
            r.getHeader().setFlag(Flags.TC);
            return r;
        }
        List<Record> records = zone.get(n);
        if (records == null && anyPtr != null && question.getType() == Type.PTR) {
            r.addRecord(new PTRRecord(n, DClass.IN, 3600, name(anyPtr.apply(n))), Section.ANSWER);
            return r;
        }
        if (records == null) {
            r.getHeader().setRcode(Rcode.NXDOMAIN);
            return r;
        }
        for (Record rec : records) {
            if (rec.getType() == question.getType()) {
                r.addRecord(rec, Section.ANSWER);
            }
        }
        return r;
    }

    private void serveUdp() {
        byte[] buf = new byte[4096];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                udp.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            udpQueries.incrementAndGet();
            try {
                Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                Message a = answer(q, true);
                if (a != null) {
                    byte[] wire = a.toWire(512);
                    udp.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
                }
            } catch (IOException e) {
                // a packet that is no DNS message: no answer
            }
        }
    }

    private void serveTcp() {
        while (!closed) {
            Socket s;
            try {
                s = tcp.accept();
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            threads.execute(() -> serveConnection(s));
        }
    }

    private void serveConnection(Socket s) {
        try (s; DataInputStream in = new DataInputStream(s.getInputStream()); DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            s.setSoTimeout(2000);
            for (int i = 0; i < 100 && !closed; i++) { // a few queries per connection at most
                int length = in.readUnsignedShort();
                byte[] wire = in.readNBytes(length);
                tcpQueries.incrementAndGet();
                Message a = answer(new Message(wire), false);
                if (a == null) {
                    return;
                }
                byte[] answer = a.toWire();
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (IOException e) {
            // the client closed, or timed out
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        udp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            // closing anyway
        }
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
