package io.github.netblock.loader.resolve;

import java.util.function.LongSupplier;

/**
 * At most {@code perSecond} permits a second, evenly spaced (no bursts: a registry that allows 2
 * queries a second gets one every 500 ms). Thread-safe: each caller reserves the next free slot and
 * sleeps until it. A rate of 0 or less means no limit.
 */
final class RateLimiter {
    /** Sleeps; tests pass one that records instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    static final Sleeper THREAD_SLEEP = nanos -> {
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    private final long intervalNanos;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long nextFree;

    RateLimiter(double perSecond, LongSupplier nanoClock, Sleeper sleeper) {
        this.intervalNanos = perSecond <= 0 ? 0 : (long) (1_000_000_000L / perSecond);
        this.clock = nanoClock;
        this.sleeper = sleeper;
        this.nextFree = nanoClock.getAsLong();
    }

    RateLimiter(double perSecond) {
        this(perSecond, System::nanoTime, THREAD_SLEEP);
    }

    /**
     * Waits for the next permit unless it would come after {@code deadlineNanos} (on the same clock);
     * false then, and nothing is reserved.
     */
    boolean acquire(long deadlineNanos) throws InterruptedException {
        if (intervalNanos == 0) {
            return clock.getAsLong() - deadlineNanos < 0;
        }
        long wait;
        synchronized (this) {
            long now = clock.getAsLong();
            long slot = Math.max(now, nextFree);
            if (slot - deadlineNanos >= 0) {
                return false;
            }
            nextFree = slot + intervalNanos;
            wait = slot - now;
        }
        sleeper.sleepNanos(wait);
        return true;
    }

    /** No permit before {@code nanos} from now (a server's Retry-After). */
    synchronized void pause(long nanos) {
        long until = clock.getAsLong() + nanos;
        if (until - nextFree > 0) {
            nextFree = until;
        }
    }

    /** The earliest time (on the clock) a permit could be had. */
    synchronized long nextFree() {
        return nextFree;
    }
}
