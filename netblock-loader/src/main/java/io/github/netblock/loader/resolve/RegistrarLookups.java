package io.github.netblock.loader.resolve;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Looks up each registered domain's registrar once: a domain seen again in the run, or whose stored
 * answer is younger than its TTL, is not asked again. Lookups run in a small pool, each within the
 * limits of the servers it asks; none starts after the deadline.
 */
final class RegistrarLookups implements AutoCloseable {
    private static final int QUEUED_CAP = 100_000;

    private final RegistrarFinder finder;
    private final DomainStore store;
    private final Ttls ttls;
    private final Clock clock;
    private final long deadlineNanos;
    private final ExecutorService pool;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong asked = new AtomicLong();
    private final AtomicLong found = new AtomicLong();
    private final AtomicLong viaWhois = new AtomicLong();
    private final AtomicLong notFound = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Deferrals deferred = new Deferrals();
    private final List<String> failures = new ArrayList<>();

    RegistrarLookups(RegistrarFinder finder, DomainStore store, Ttls ttls, Clock clock, long deadlineNanos, int threads) {
        this.finder = finder;
        this.store = store;
        this.ttls = ttls;
        this.clock = clock;
        this.deadlineNanos = deadlineNanos;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "resolve-registrar");
            t.setDaemon(true);
            return t;
        });
    }

    /** A registered domain of a PTR name of this run. */
    void seen(String domain) {
        if (domain == null || !seen.add(domain)) {
            return;
        }
        DomainStore.Entry stored = store.get(domain);
        if (stored != null && ttls.fresh(stored.answer().status().kind(), stored.checked(), clock.instant())) {
            return;
        }
        if (queued.incrementAndGet() > QUEUED_CAP) {
            queued.decrementAndGet();
            deferred.add(String.format("more than %,d domains waiting", QUEUED_CAP));
            return;
        }
        pool.execute(() -> {
            try {
                if (System.nanoTime() - deadlineNanos >= 0) {
                    deferred.add(Deferrals.DEADLINE);
                    return;
                }
                RegistrarAnswer a;
                try {
                    a = finder.find(domain, deadlineNanos);
                } catch (NotAskedException e) { // no server was asked: nothing stored, the next run asks
                    deferred.add(e.deferredBy());
                    return;
                }
                asked.incrementAndGet();
                store.put(domain, a, clock.instant());
                switch (a.status()) {
                    case FOUND -> {
                        found.incrementAndGet();
                        if ("whois".equals(a.via())) {
                            viaWhois.incrementAndGet();
                        }
                    }
                    case NOT_FOUND -> notFound.incrementAndGet();
                    case FAILED -> {
                        failed.incrementAndGet();
                        synchronized (failures) {
                            if (failures.size() < 5) {
                                failures.add(domain + ": " + a.detail());
                            }
                        }
                    }
                }
            } catch (InterruptedException e) { // stopped at the deadline
                deferred.add(Deferrals.DEADLINE);
                Thread.currentThread().interrupt();
            } finally {
                queued.decrementAndGet();
            }
        });
    }

    /** Domains queued and not done yet. */
    long pending() {
        return queued.get();
    }

    /** No more domains: the queued ones are still looked up (see {@link #awaitTermination}). */
    void shutdown() {
        pool.shutdown();
    }

    /** Whether every queued lookup is done within {@code nanos}. */
    boolean awaitTermination(long nanos) throws InterruptedException {
        return pool.awaitTermination(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** Stops the lookups still running (the deadline is past) and waits a little for them. */
    void stop() throws InterruptedException {
        List<Runnable> dropped = pool.shutdownNow(); // queued, never started: for the next run
        queued.addAndGet(-dropped.size());
        deferred.add(Deferrals.DEADLINE, dropped.size());
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Waits for every lookup until the deadline; the rest are stopped. */
    void finish() throws InterruptedException {
        shutdown();
        if (!awaitTermination(deadlineNanos - System.nanoTime())) {
            stop();
        }
    }

    /**
     * What the run did.
     *
     * @param deferred domains left for the next run, by cause ({@link Deferrals})
     */
    record Counts(long domains, long asked, long found, long viaWhois, long notFound, long failed, Map<String, Long> deferred, List<String> failures) {
        long deferredTotal() {
            return deferred.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    Counts counts() {
        synchronized (failures) {
            return new Counts(seen.size(), asked.get(), found.get(), viaWhois.get(), notFound.get(), failed.get(), deferred.byCause(), List.copyOf(failures));
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
