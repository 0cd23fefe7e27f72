package io.github.netblock.loader.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.ingest.core.text.Printable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * RDAP IP network queries for the addresses seen, one per network: an address inside a network
 * already known (stored and younger than the TTL, or answered earlier in the run) is not asked. The
 * addresses come in sorted; neighbours ({@code /16} of IPv4, {@code /32} of IPv6) are queued as one
 * group and asked one after the other, so the answer for the first covers the rest before they are
 * asked; groups are asked in parallel within each server's limits. The server comes from the IANA
 * bootstrap; the RIRs' redirects are followed. Addresses no registry holds (private, loopback,
 * multicast: not in the bootstrap) are never asked. A registry's "no such network" (404) and failures
 * are remembered per address in {@code rdap-misses.csv} with the shorter TTLs ({@link NetworkMisses}:
 * sorted, read alongside the sorted addresses, merged in one pass: memory does not grow with its rows).
 * An address whose server was not asked (dead for the run, or the deadline came first) is neither
 * counted as asked nor remembered: it is left for the next run, by cause.
 */
final class NetworkFinder implements AutoCloseable {
    static final String MISSES = NetworkMisses.FILE;
    private static final int GROUP_CAP = 4096;
    private static final int QUEUED_CAP = 100_000;

    private final RdapBootstrap bootstrap;
    private final RdapClient rdap;
    private final NetworkStore store;
    private final Ttls ttls;
    private final Clock clock;
    private final long deadlineNanos;
    private final ExecutorService pool;
    private final NetworkMisses misses;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong asked = new AtomicLong();
    private final AtomicLong found = new AtomicLong();
    private final AtomicLong notFound = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Deferrals deferred = new Deferrals();
    private final AtomicLong known = new AtomicLong();
    private final List<String> failures = new ArrayList<>();
    private List<IpAddress> group;
    private long groupKey;

    /** @param memoryRows misses of this run held in memory before they are spilled to a sorted temp file */
    NetworkFinder(RdapBootstrap bootstrap, RdapClient rdap, NetworkStore store, Path dir, Ttls ttls, Clock clock, long deadlineNanos, int threads,
                  int memoryRows, Consumer<String> bad) throws IOException {
        this.bootstrap = bootstrap;
        this.rdap = rdap;
        this.store = store;
        this.ttls = ttls;
        this.clock = clock;
        this.deadlineNanos = deadlineNanos;
        this.misses = new NetworkMisses(dir, ttls, clock, memoryRows, bad);
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "resolve-rdap-ip");
            t.setDaemon(true);
            return t;
        });
    }

    /** An address seen in this run, in sorted order (called from one thread). */
    void seen(IpAddress a) throws IOException {
        if (needless(a)) {
            return;
        }
        long key = a.isV4() ? (a.low() >>> 16) : (a.high() >>> 32) | (1L << 40);
        if (group != null && key == groupKey && group.size() < GROUP_CAP) {
            group.add(a);
            return;
        }
        submit();
        group = new ArrayList<>();
        group.add(a);
        groupKey = key;
    }

    /** Known already, or a miss still fresh, or no registry's. */
    private boolean needless(IpAddress a) throws IOException {
        return known(a) || misses.fresh(a) != null || bootstrap.forAddress(a).isEmpty();
    }

    /** Inside a network stored or answered in this run, younger than its TTL. */
    private boolean known(IpAddress a) {
        if (covered(a)) {
            known.incrementAndGet();
            return true;
        }
        return false;
    }

    private boolean covered(IpAddress a) {
        Instant covering = store.index().covering(a);
        return covering != null && ttls.fresh(Ttls.Kind.ANSWER, covering, clock.instant());
    }

    /** One group of neighbours, asked one after the other. */
    private final class Group implements Runnable {
        final List<IpAddress> addresses;

        Group(List<IpAddress> addresses) {
            this.addresses = addresses;
        }

        @Override
        public void run() {
            int done = 0;
            try {
                for (IpAddress a : addresses) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    if (System.nanoTime() - deadlineNanos >= 0) {
                        deferred.add(Deferrals.DEADLINE);
                    } else if (!known(a)) {
                        ask(a);
                    }
                    done++;
                    queued.decrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                int left = addresses.size() - done; // stopped at the deadline
                deferred.add(Deferrals.DEADLINE, left);
                queued.addAndGet(-left);
            }
        }
    }

    private void submit() {
        if (group == null || group.isEmpty()) {
            return;
        }
        List<IpAddress> g = group;
        group = null;
        if (queued.get() + g.size() > QUEUED_CAP) {
            deferred.add(String.format("more than %,d addresses waiting", QUEUED_CAP), g.size()); // memory stays bounded
            return;
        }
        queued.addAndGet(g.size());
        pool.execute(new Group(g));
    }

    private void ask(IpAddress a) throws InterruptedException {
        List<URI> servers = bootstrap.forAddress(a);
        RdapClient.Result r = rdap.get(servers.get(0).resolve("ip/" + a), deadlineNanos);
        if (r.outcome() == RdapClient.Outcome.NOT_ASKED) { // dead server or deadline: not asked, not stored
            deferred.add(r.deferredBy());
            return;
        }
        asked.incrementAndGet();
        Instant now = clock.instant();
        switch (r.outcome()) {
            case FOUND -> {
                try {
                    JsonNode body = r.body();
                    IpRange range = store.add(body, now);
                    if (!range.contains(a)) {
                        note(a + ": " + r.uri() + " answered " + range + ", which does not contain it");
                    }
                    found.incrementAndGet();
                } catch (IOException | IllegalArgumentException e) {
                    failed.incrementAndGet();
                    misses.add(a, RegistrarAnswer.Status.FAILED, now, "unreadable answer");
                    note(a + ": " + r.uri() + ": not an ip network object: " + Printable.value(e.getMessage()));
                }
            }
            case NOT_FOUND -> {
                notFound.incrementAndGet();
                misses.add(a, RegistrarAnswer.Status.NOT_FOUND, now, r.detail());
            }
            default -> {
                failed.incrementAndGet();
                misses.add(a, RegistrarAnswer.Status.FAILED, now, r.detail());
                note(a + ": " + r.uri() + ": " + r.detail());
            }
        }
    }

    private void note(String failure) {
        synchronized (failures) {
            if (failures.size() < 5) {
                failures.add(failure);
            }
        }
    }

    /** Addresses queued and not done yet. */
    long pending() {
        return queued.get();
    }

    /** Queues the last group; no more addresses come. The queued ones are still asked (see {@link #awaitTermination}). */
    void shutdown() {
        submit();
        pool.shutdown();
    }

    /** Whether every queued query is done within {@code nanos}. */
    boolean awaitTermination(long nanos) throws InterruptedException {
        return pool.awaitTermination(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** Stops the queries still running or queued (the deadline is past): their addresses are left for the next run. */
    void stop() throws InterruptedException {
        for (Runnable dropped : pool.shutdownNow()) {
            if (dropped instanceof Group g) {
                deferred.add(Deferrals.DEADLINE, g.addresses.size());
                queued.addAndGet(-g.addresses.size());
            }
        }
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Queues the last group and waits for every query until the deadline; later ones are dropped. */
    void finish() throws InterruptedException {
        shutdown();
        if (!awaitTermination(deadlineNanos - System.nanoTime())) {
            stop();
        }
    }

    /**
     * What the run did, for the summary.
     *
     * @param deferred addresses left for the next run, by cause ({@link Deferrals})
     */
    record Counts(long asked, long found, long notFound, long failed, Map<String, Long> deferred, long known, List<String> failures) {
        long deferredTotal() {
            return deferred.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    Counts counts() {
        synchronized (failures) {
            return new Counts(asked.get(), found.get(), notFound.get(), failed.get(), deferred.byCause(), known.get(), List.copyOf(failures));
        }
    }

    /** Writes the misses still worth remembering (younger than their TTL, in no network known now); returns how many. */
    long writeMisses() throws IOException {
        return misses.write(this::covered);
    }

    @Override
    public void close() throws IOException {
        pool.shutdownNow();
        misses.close();
    }
}
