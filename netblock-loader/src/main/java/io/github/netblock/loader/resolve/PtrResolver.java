package io.github.netblock.loader.resolve;

import io.github.netblock.index.ip.IpAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * PTR queries with dnsjava, many in flight: each query goes over UDP (a truncated answer is asked
 * again over TCP, as dnsjava's {@code SimpleResolver} does), times out after {@code timeout}, and is
 * retried {@code retries} times on a timeout or network error, on the next server of the list each
 * time. With {@code confirm}, the PTR name's A (IPv4) or AAAA (IPv6) records are asked for too and the
 * answer records whether they contain the address (forward-confirmed reverse DNS). At most
 * {@code inFlight} addresses are being resolved at once, and at most {@code perSecond} queries start
 * each second (0: no limit beyond in-flight), through one {@link ServerGate} for the resolvers.
 */
final class PtrResolver implements AutoCloseable {
    private final List<SimpleResolver> resolvers = new ArrayList<>();
    private final int retries;
    private final Semaphore inFlight;
    private final RateLimiter rate;
    private final ExecutorService callbacks;
    private final String description;
    private final int deadAfter;
    private final java.util.concurrent.atomic.AtomicInteger failuresInARow = new java.util.concurrent.atomic.AtomicInteger();
    private volatile String dead;

    /**
     * @param servers the resolvers to ask, in order; empty for the system's configuration
     *                (resolv.conf and its equivalents, as dnsjava reads them)
     */
    PtrResolver(List<InetSocketAddress> servers, Duration timeout, int retries, int inFlight, double perSecond) throws UnknownHostException {
        List<InetSocketAddress> list = servers.isEmpty() ? ResolverConfig.getCurrentConfig().servers() : servers;
        if (list.isEmpty()) {
            throw new UnknownHostException("no DNS server configured on this system: give --dns-server");
        }
        for (InetSocketAddress s : list) {
            SimpleResolver r = new SimpleResolver(s);
            r.setTimeout(timeout);
            resolvers.add(r);
        }
        this.retries = retries;
        this.deadAfter = Math.max(32, 3 * inFlight); // more than one window of queries sent before the first timeout comes back
        this.inFlight = new Semaphore(inFlight);
        this.rate = new RateLimiter(perSecond);
        this.callbacks = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "resolve-dns");
            t.setDaemon(true);
            return t;
        });
        this.description = list.stream().map(a -> a.getHostString() + ":" + a.getPort()).reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** The servers asked, for the summary: "192.0.2.53:53, ...". */
    String servers() {
        return description;
    }

    /**
     * Starts resolving {@code address}; waits for a free slot first. Null when no slot was free
     * before {@code deadlineNanos} (System.nanoTime): the address is left for the next run.
     */
    CompletableFuture<PtrAnswer> resolve(IpAddress address, boolean confirm, long deadlineNanos) throws InterruptedException {
        if (dead != null) {
            return null;
        }
        long wait = deadlineNanos - System.nanoTime();
        if (wait <= 0 || !inFlight.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
            return null;
        }
        if (!rate.acquire(deadlineNanos)) {
            inFlight.release();
            return null;
        }
        CompletableFuture<PtrAnswer> answer;
        try {
            Name reverse = ReverseMap.fromAddress(InetAddress.getByAddress(address.toBytes()));
            answer = query(reverse, Type.PTR, 0).thenCompose(m -> {
                PtrAnswer ptr = ptr(m);
                if (!confirm || ptr.status() != PtrAnswer.Status.ANSWERED) {
                    return CompletableFuture.completedFuture(ptr);
                }
                return confirm(ptr, address);
            }).exceptionally(this::failure);
        } catch (UnknownHostException e) {
            answer = CompletableFuture.completedFuture(PtrAnswer.failed(PtrAnswer.Status.ERROR, e.getMessage()));
        }
        return answer.whenComplete((a, e) -> {
            if (a != null && (a.status() == PtrAnswer.Status.TIMEOUT || a.status() == PtrAnswer.Status.ERROR)) {
                if (failuresInARow.incrementAndGet() >= deadAfter && dead == null) {
                    dead = deadAfter + " queries in a row without an answer (" + a.detail() + "); not asked for the rest of the run";
                }
            } else {
                failuresInARow.set(0);
            }
            inFlight.release();
        });
    }

    /** Why the resolvers were given up on, or null while they answer. */
    String dead() {
        return dead;
    }

    /** Asks the PTR name's A (IPv4) or AAAA (IPv6) records and records whether they contain {@code address}. */
    CompletableFuture<PtrAnswer> confirm(PtrAnswer ptr, IpAddress address) {
        int type = address.isV4() ? Type.A : Type.AAAA;
        Name name;
        try {
            name = Name.fromString(ptr.name() + ".");
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(new PtrAnswer(ptr.status(), ptr.name(), false, "not a DNS name"));
        }
        return query(name, type, 0).handle((m, e) -> {
            if (e != null) {
                return new PtrAnswer(ptr.status(), ptr.name(), null, "forward query failed: " + describe(e));
            }
            if (m.getRcode() != Rcode.NOERROR && m.getRcode() != Rcode.NXDOMAIN) {
                return new PtrAnswer(ptr.status(), ptr.name(), null, "forward query: " + Rcode.string(m.getRcode()));
            }
            for (Record r : m.getSection(Section.ANSWER)) {
                InetAddress a = r instanceof ARecord ar ? ar.getAddress() : r instanceof AAAARecord aaaa ? aaaa.getAddress() : null;
                if (a != null && IpAddress.ofBytes(a.getAddress()).unmapped().equals(address)) {
                    return new PtrAnswer(ptr.status(), ptr.name(), true, null);
                }
            }
            return new PtrAnswer(ptr.status(), ptr.name(), false, null);
        });
    }

    /** One question, retried on the next server after a timeout or network error. */
    private CompletableFuture<Message> query(Name name, int type, int attempt) {
        Message q = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        SimpleResolver r = resolvers.get(attempt % resolvers.size());
        return r.sendAsync(q, callbacks).toCompletableFuture().handle((m, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(m);
            }
            if (attempt < retries) {
                return query(name, type, attempt + 1);
            }
            return CompletableFuture.<Message>failedFuture(new QueryFailed(r.getAddress().getHostString() + ":" + r.getAddress().getPort(), cause(e)));
        }).thenCompose(f -> f);
    }

    /** The last attempt's failure, with the server it asked. */
    private static final class QueryFailed extends IOException {
        final String server;

        QueryFailed(String server, Throwable cause) {
            super(cause);
            this.server = server;
        }
    }

    /** What went wrong, in words and with the server ("port unreachable at 127.0.0.1:53 (nothing listens there)"). */
    private String describe(Throwable e) {
        Throwable c = cause(e);
        String server = description;
        if (c instanceof QueryFailed q) {
            server = q.server;
            c = q.getCause();
        }
        return ConnectionErrors.describe(c, server);
    }

    private static PtrAnswer ptr(Message m) {
        int rcode = m.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return PtrAnswer.failed(PtrAnswer.Status.NXDOMAIN, null);
        }
        if (rcode == Rcode.SERVFAIL) {
            return PtrAnswer.failed(PtrAnswer.Status.SERVFAIL, "SERVFAIL");
        }
        if (rcode != Rcode.NOERROR) {
            return PtrAnswer.failed(PtrAnswer.Status.ERROR, Rcode.string(rcode));
        }
        String best = null;
        for (Record r : m.getSection(Section.ANSWER)) {
            if (r instanceof PTRRecord p) {
                String n = p.getTarget().toString(true).toLowerCase(Locale.ROOT);
                best = best == null || n.compareTo(best) < 0 ? n : best; // several PTR records: the same one every run
            }
        }
        return best == null ? PtrAnswer.failed(PtrAnswer.Status.NODATA, null) : new PtrAnswer(PtrAnswer.Status.ANSWERED, best, null, null);
    }

    private PtrAnswer failure(Throwable e) {
        Throwable c = cause(e);
        if (c instanceof QueryFailed q) {
            c = q.getCause();
        }
        if (c instanceof TimeoutException || (c instanceof IOException && String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT).contains("timed out"))) {
            return PtrAnswer.failed(PtrAnswer.Status.TIMEOUT, "no answer");
        }
        return PtrAnswer.failed(PtrAnswer.Status.ERROR, describe(e));
    }

    private static Throwable cause(Throwable e) {
        Throwable c = e;
        while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    @Override
    public void close() {
        callbacks.shutdownNow();
    }
}
