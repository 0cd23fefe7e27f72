package io.github.netblock.ingest.core.database;

import io.github.netblock.index.read.NetblockDatabase;

/**
 * One use of a database: while a lease is open its mapping stays valid even if a newer file
 * replaces the database meanwhile. Close it when the lookup is done (try-with-resources).
 */
public final class DatabaseLease implements AutoCloseable {
    private final ManagedDatabase managed;
    private boolean closed;

    DatabaseLease(ManagedDatabase managed) {
        this.managed = managed;
    }

    public NetblockDatabase database() {
        return managed.database();
    }

    ManagedDatabase managed() {
        return managed;
    }

    public String name() {
        return managed.name();
    }

    /** Whether the data is older than the configured maximum age. */
    public boolean isStale() {
        return managed.isStale();
    }

    public DatabaseCounters counters() {
        return managed.counters();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            managed.release();
        }
    }
}
