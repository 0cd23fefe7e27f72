package io.github.netblock.ingest.core.database;

import java.util.concurrent.atomic.LongAdder;

/** Lookup counters of one database name on this node (they survive reloads of that name). */
public final class DatabaseCounters {
    final LongAdder lookups = new LongAdder();
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();

    /** Counts one lookup and whether a block contained the address. */
    public void lookup(boolean hit) {
        lookups.increment();
        (hit ? hits : misses).increment();
    }

    public long lookups() {
        return lookups.sum();
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }
}
