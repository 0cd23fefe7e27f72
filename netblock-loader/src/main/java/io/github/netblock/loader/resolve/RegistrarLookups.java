package io.github.netblock.loader.resolve;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
    private final AtomicLong deferred = new AtomicLong();
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
            deferred.incrementAndGet();
            return;
        }
        pool.execute(() -> {
            try {
                if (System.nanoTime() - deadlineNanos >= 0) {
                    deferred.incrementAndGet();
                    return;
                }
                asked.incrementAndGet();
                RegistrarAnswer a = finder.find(domain, deadlineNanos);
                if (a.status() == RegistrarAnswer.Status.FAILED && a.detail() != null && a.detail().contains("not asked: the run's deadline")) {
                    asked.decrementAndGet();
                    deferred.incrementAndGet();
                    return;
                }
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
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                queued.decrementAndGet();
            }
        });
    }

    void finish() throws InterruptedException {
        pool.shutdown();
        long wait = deadlineNanos - System.nanoTime();
        if (!pool.awaitTermination(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** What the run did. */
    record Counts(long domains, long asked, long found, long viaWhois, long notFound, long failed, long deferred, List<String> failures) {}

    Counts counts() {
        synchronized (failures) {
            return new Counts(seen.size(), asked.get(), found.get(), viaWhois.get(), notFound.get(), failed.get(), deferred.get(), List.copyOf(failures));
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
