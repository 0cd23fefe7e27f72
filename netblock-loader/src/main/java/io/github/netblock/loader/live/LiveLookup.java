package io.github.netblock.loader.live;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.loader.feed.dns.RegisteredDomains;
import io.github.netblock.loader.resolve.LiveQueries;
import io.github.netblock.loader.resolve.PtrAnswer;
import io.github.netblock.loader.resolve.RegistrarAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The live half of {@code lookup --live}: for one address, at once and in parallel where nothing waits
 * on anything else, the PTR name, then (both at once) its forward confirmation and the registrar of its
 * registered domain; and, beside them, the RDAP network when the database has no detailed block for the
 * address ({@link DetailedBlock}). Bounded: no query starts after {@value #START_WITHIN} x the timeout,
 * every query ends within its timeouts, and after {@value #ANSWER_WITHIN} x the timeout (plus
 * {@value #SLACK_MILLIS} ms: dnsjava notices a DNS timeout on its selector's rounds, up to a second late)
 * what has not answered is reported as such and left behind (daemon threads, interrupted).
 */
public final class LiveLookup {
    static final int START_WITHIN = 3;
    static final int ANSWER_WITHIN = 4;
    static final long SLACK_MILLIS = 2000;

    private final LiveQueries queries;
    private final Duration timeout;
    private final String servers;
    private final List<String> notes;

    /**
     * @param servers what the heading says was asked ("DNS 127.0.0.1:53, RDAP by the bundled bootstrap")
     * @param notes   what went wrong before the queries (a bootstrap that did not download), printed with them
     */
    public LiveLookup(LiveQueries queries, Duration timeout, String servers, List<String> notes) {
        this.queries = queries;
        this.timeout = timeout;
        this.servers = servers;
        this.notes = List.copyOf(notes);
    }

    /** The whole live part; this thread's work (the parts answered) never waits past the bound. */
    private static final class Parts {
        volatile PtrAnswer ptr;
        volatile RegisteredDomains.Split domain;
        volatile RegistrarAnswer registrar;
        volatile String registrarNote;
        volatile LiveQueries.NetworkAnswer network;
    }

    /**
     * @param networkReason why the database's blocks are not enough ({@link DetailedBlock#missing}), so the
     *                      RDAP network is asked; null when the database has a detailed block
     */
    public LiveReport lookup(IpAddress address, String networkReason) throws InterruptedException {
        IpAddress a = address.unmapped();
        Instant askedAt = Instant.now();
        long start = System.nanoTime();
        long startDeadline = start + timeout.multipliedBy(START_WITHIN).toNanos();
        Duration limit = timeout.multipliedBy(ANSWER_WITHIN).plusMillis(SLACK_MILLIS);
        long end = start + limit.toNanos();
        Parts parts = new Parts();
        ExecutorService pool = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "lookup-live");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> network = networkReason == null ? null : pool.submit(() -> {
                parts.network = queries.network(a, startDeadline);
                return null;
            });
            Future<?> names = pool.submit(() -> {
                PtrAnswer ptr = queries.ptr(a, startDeadline);
                parts.ptr = ptr;
                if (ptr.status() != PtrAnswer.Status.ANSWERED) {
                    parts.registrarNote = "no PTR name";
                    return null;
                }
                RegisteredDomains.Split split = RegisteredDomains.split(ptr.name());
                parts.domain = split;
                Future<?> registrar = null;
                if (split == null || split.registeredDomain() == null) {
                    parts.registrarNote = "the PTR name has no registered domain";
                } else {
                    registrar = pool.submit(() -> {
                        parts.registrar = queries.registrar(split.registeredDomain(), startDeadline);
                        return null;
                    });
                }
                parts.ptr = queries.confirm(ptr, a, startDeadline);
                String registrarFailed = registrar == null ? null : await(registrar, end);
                if (registrarFailed != null) {
                    parts.registrar = new RegistrarAnswer(RegistrarAnswer.Status.FAILED, null, null, null, registrarFailed);
                }
                return null;
            });
            String namesFailed = await(names, end);
            if (namesFailed != null && parts.ptr == null) {
                parts.ptr = new PtrAnswer(PtrAnswer.Status.ERROR, null, null, namesFailed);
            }
            String networkFailed = network == null ? null : await(network, end);
            if (networkFailed != null) {
                parts.network = new LiveQueries.NetworkAnswer(LiveQueries.Outcome.FAILED, List.of(), null, networkFailed);
            }
        } finally {
            pool.shutdownNow();
        }
        String late = "no answer within " + LiveReport.seconds(limit) + ", the limit of the live part";
        PtrAnswer ptr = parts.ptr != null ? parts.ptr : new PtrAnswer(PtrAnswer.Status.TIMEOUT, null, null, late);
        RegistrarAnswer registrar = parts.registrar;
        String registrarNote = parts.ptr == null ? "no PTR name (the PTR query did not answer)" : parts.registrarNote;
        if (registrar == null && registrarNote == null) {
            registrar = new RegistrarAnswer(RegistrarAnswer.Status.FAILED, null, null, null, late);
        }
        LiveQueries.NetworkAnswer network = parts.network;
        if (networkReason != null && network == null) {
            network = new LiveQueries.NetworkAnswer(LiveQueries.Outcome.FAILED, List.of(), null, late);
        }
        return new LiveReport(a.toString(), askedAt, Duration.ofNanos(System.nanoTime() - start), servers, timeout, ptr, parts.domain, registrar,
                registrarNote, network, networkReason == null ? "the database has a detailed block for this address" : networkReason, notes);
    }

    /**
     * Waits for a part until {@code end}. Returns why it failed (an unexpected error), or null: answered,
     * or still running, which the parts it did not fill in report.
     */
    private static String await(Future<?> f, long end) throws InterruptedException {
        try {
            f.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            return null;
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
        }
    }
}
