package io.github.netblock.loader.resolve;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Politeness towards one server (an RDAP or WHOIS host, a DNS resolver): a query rate, a limit of
 * queries in flight, pauses it asks for (HTTP 429 with {@code Retry-After}), and a verdict when it is
 * dead: after {@code deadAfter} failures in a row (refused, timed out, 5xx) it is skipped for the rest
 * of the run and reported, so a dead or slow server never holds the run up. Counts what it served for
 * the summary.
 */
final class ServerGate {
    private final String server;
    private final RateLimiter rate;
    private final Semaphore inFlight;
    private final int deadAfter;
    private final LongSupplier clock;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private volatile String deadReason;
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final long created;
    private volatile long lastDone;

    ServerGate(String server, double perSecond, int concurrency, int deadAfter, LongSupplier nanoClock, RateLimiter.Sleeper sleeper) {
        this.server = server;
        this.rate = new RateLimiter(perSecond, nanoClock, sleeper);
        this.inFlight = new Semaphore(Math.max(1, concurrency), true);
        this.deadAfter = deadAfter;
        this.clock = nanoClock;
        this.created = nanoClock.getAsLong();
        this.lastDone = created;
    }

    ServerGate(String server, double perSecond, int concurrency, int deadAfter) {
        this(server, perSecond, concurrency, deadAfter, System::nanoTime, RateLimiter.THREAD_SLEEP);
    }

    String server() {
        return server;
    }

    /** A query's slot, released by {@link #close()}. */
    final class Permit implements AutoCloseable {
        private boolean closed;

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                lastDone = clock.getAsLong();
                inFlight.release();
            }
        }
    }

    /**
     * Waits for a slot within the rate and the concurrency limit; null when the server is dead or the
     * deadline comes first (the query is then not made, and counted as skipped).
     */
    Permit enter(long deadlineNanos) throws InterruptedException {
        if (deadReason != null) {
            skipped.incrementAndGet();
            return null;
        }
        long waitNanos = deadlineNanos - clock.getAsLong();
        if (waitNanos <= 0 || !inFlight.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
            skipped.incrementAndGet();
            return null;
        }
        if (deadReason != null || !rate.acquire(deadlineNanos)) {
            inFlight.release();
            skipped.incrementAndGet();
            return null;
        }
        queries.incrementAndGet();
        return new Permit();
    }

    /** The server answered (any answer, including "not found"). */
    void answered() {
        failuresInARow.set(0);
        answered.incrementAndGet();
    }

    /** The server failed to answer; after {@code deadAfter} in a row it is dead for the run. */
    void failed(String reason) {
        failed.incrementAndGet();
        if (failuresInARow.incrementAndGet() >= deadAfter && deadReason == null) {
            deadReason = reason + " (" + deadAfter + " failures in a row; skipped for the rest of the run)";
        }
    }

    /** The server asked for a pause (HTTP 429): no query before it is over. */
    void retryAfter(Duration pause) {
        throttled.incrementAndGet();
        rate.pause(pause.toNanos());
    }

    boolean dead() {
        return deadReason != null;
    }

    String deadReason() {
        return deadReason;
    }

    /** What the server did in this run, for the summary. */
    record Stats(String server, long queries, long answered, long failed, long throttled, long skipped, double perSecond, String deadReason) {}

    Stats stats() {
        double seconds = Math.max(1e-3, (lastDone - created) / 1e9);
        return new Stats(server, queries.get(), answered.get(), failed.get(), throttled.get(), skipped.get(), queries.get() / seconds, deadReason);
    }
}
