package io.github.netblock.index.builder;

import io.github.netblock.index.format.NbdbFormat;
import io.github.netblock.index.ip.IpFamily;
import io.github.netblock.index.model.Netblock;
import java.util.BitSet;

/**
 * The blocks of one address family as the builder collects them: columns of primitives (about 90
 * bytes a block) instead of objects, so a RIPE-scale input fits in a small heap. Addresses are
 * unsigned 128-bit (hi, lo) pairs; for IPv4 hi is always 0 and lo is stored as an int.
 */
final class BlockTable {
    final boolean v6;
    private final LongList firstHi;
    private final LongList lastHi;
    private final LongList firstLo;
    private final LongList lastLo;
    private final IntList firstV4;
    private final IntList lastV4;
    private final IntList strings = new IntList();
    private final LongList lastModified = new LongList();
    private final LongList asNumber = new LongList();
    private final IntList rank = new IntList();

    BlockTable(IpFamily family) {
        this.v6 = family == IpFamily.IPV6;
        this.firstHi = v6 ? new LongList() : null;
        this.lastHi = v6 ? new LongList() : null;
        this.firstLo = v6 ? new LongList() : null;
        this.lastLo = v6 ? new LongList() : null;
        this.firstV4 = v6 ? null : new IntList();
        this.lastV4 = v6 ? null : new IntList();
    }

    void add(Netblock b, int sourceRank, StringPoolBuilder pool) {
        if (v6) {
            firstHi.add(b.range().first().high());
            lastHi.add(b.range().last().high());
            firstLo.add(b.range().first().low());
            lastLo.add(b.range().last().low());
        } else {
            firstV4.add(b.range().first().v4Value());
            lastV4.add(b.range().last().v4Value());
        }
        strings.add(pool.intern(b.name()));
        strings.add(pool.intern(b.handle()));
        strings.add(pool.intern(b.description()));
        strings.add(pool.intern(b.status()));
        strings.add(pool.intern(b.country()));
        strings.add(pool.intern(b.ownerId()));
        strings.add(pool.intern(b.ownerName()));
        strings.add(pool.intern(b.abuseEmail()));
        strings.add(pool.intern(b.registry()));
        strings.add(pool.intern(b.asName()));
        strings.add(pool.intern(b.source()));
        lastModified.add(b.lastModified() == null ? NbdbFormat.NO_TIME : b.lastModified().toEpochMilli());
        asNumber.add(b.asNumber() == null ? NbdbFormat.NO_AS : b.asNumber());
        rank.add(sourceRank);
    }

    int size() {
        return v6 ? firstLo.size() : firstV4.size();
    }

    long firstHi(int i) {
        return v6 ? firstHi.get(i) : 0;
    }

    long firstLo(int i) {
        return v6 ? firstLo.get(i) : firstV4.get(i) & 0xFFFF_FFFFL;
    }

    long lastHi(int i) {
        return v6 ? lastHi.get(i) : 0;
    }

    long lastLo(int i) {
        return v6 ? lastLo.get(i) : lastV4.get(i) & 0xFFFF_FFFFL;
    }

    int string(int i, int attribute) {
        return strings.get(i * NbdbFormat.STRING_ATTRIBUTES + attribute);
    }

    long lastModified(int i) {
        return lastModified.get(i);
    }

    long asNumber(int i) {
        return asNumber.get(i);
    }

    int rank(int i) {
        return rank.get(i);
    }

    private final BitSet completeRanks = new BitSet();

    /** Blocks of this source rank take nothing from weaker duplicates. */
    void markComplete(int sourceRank) {
        completeRanks.set(sourceRank);
    }

    /**
     * Fills the attributes {@code winner} lacks from {@code donor} (merging exact duplicates),
     * unless the winner's source is complete.
     */
    void coalesce(int winner, int donor) {
        int r = rank(winner);
        if (r != Integer.MAX_VALUE && completeRanks.get(r)) {
            return;
        }
        for (int a = 0; a < NbdbFormat.STRING_ATTRIBUTES; a++) {
            int w = winner * NbdbFormat.STRING_ATTRIBUTES + a;
            if (strings.get(w) == NbdbFormat.NO_STRING) {
                strings.set(w, strings.get(donor * NbdbFormat.STRING_ATTRIBUTES + a));
            }
        }
        if (lastModified.get(winner) == NbdbFormat.NO_TIME) {
            lastModified.set(winner, lastModified.get(donor));
        }
        if (asNumber.get(winner) == NbdbFormat.NO_AS) {
            asNumber.set(winner, asNumber.get(donor));
        }
    }

    /** Unsigned 128-bit comparison of two (hi, lo) pairs. */
    static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    /** Sort order of the containment sweep: first address ascending, wider block first, then rank. */
    int compareForSweep(int a, int b) {
        int c = compare(firstHi(a), firstLo(a), firstHi(b), firstLo(b));
        if (c != 0) {
            return c;
        }
        c = compare(lastHi(b), lastLo(b), lastHi(a), lastLo(a));
        return c != 0 ? c : compareRank(a, b);
    }

    /**
     * The precedence rule (negative when {@code a} is stronger): the source declared earlier wins;
     * then the more recently modified object; then the block added first.
     */
    int compareRank(int a, int b) {
        int c = Integer.compare(rank(a), rank(b));
        if (c != 0) {
            return c;
        }
        c = Long.compare(lastModified(b), lastModified(a));
        return c != 0 ? c : Integer.compare(a, b);
    }

    boolean sameRange(int a, int b) {
        return firstLo(a) == firstLo(b) && lastLo(a) == lastLo(b) && firstHi(a) == firstHi(b) && lastHi(a) == lastHi(b);
    }
}
