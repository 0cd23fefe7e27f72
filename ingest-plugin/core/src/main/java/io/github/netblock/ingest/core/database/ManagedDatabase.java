package io.github.netblock.ingest.core.database;

import io.github.netblock.index.read.NetblockDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open database with a reference count. The registry holds one reference while the database is
 * current; every lookup holds one more through a {@link DatabaseLease}. When a newer file replaces
 * it, the registry drops its reference, and the mapping is released by whoever drops the last one,
 * so a lookup in flight always finishes on the database it started with.
 */
final class ManagedDatabase {
    private final String name;
    private final NetblockDatabase database;
    private final Path source;
    private final boolean bundled;
    private final DatabaseCounters counters;
    private final Clock clock;
    private final Duration maxAge;
    private final AtomicInteger references = new AtomicInteger(1);
    private final Path leftover;

    /**
     * @param source   the file the operator published (or null for the bundled database)
     * @param leftover the private copy when it could not be unlinked while mapped, deleted on release; else null
     */
    ManagedDatabase(String name, NetblockDatabase database, Path source, Path leftover, boolean bundled, DatabaseCounters counters,
                    Clock clock, Duration maxAge) {
        this.leftover = leftover;
        this.name = name;
        this.database = database;
        this.source = source;
        this.bundled = bundled;
        this.counters = counters;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    String name() {
        return name;
    }

    NetblockDatabase database() {
        return database;
    }

    Path source() {
        return source;
    }

    boolean bundled() {
        return bundled;
    }

    DatabaseCounters counters() {
        return counters;
    }

    /** The bundled snapshot is never stale: it is the baseline shipped with the plugin, not a feed. */
    boolean isStale() {
        return !bundled && database.metadata().age(clock.instant()).compareTo(maxAge) > 0;
    }

    /** A lease, or null when the database was already retired and released. */
    DatabaseLease tryAcquire() {
        while (true) {
            int n = references.get();
            if (n <= 0) {
                return null;
            }
            if (references.compareAndSet(n, n + 1)) {
                return new DatabaseLease(this);
            }
        }
    }

    void release() {
        if (references.decrementAndGet() == 0) {
            database.close();
            if (leftover != null) {
                PrivateCopies.deleteQuietly(leftover);
            }
        }
    }
}
