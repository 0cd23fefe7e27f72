package io.github.netblock.index.builder;

import io.github.netblock.index.format.NbdbFormat;
import io.github.netblock.index.ip.IpFamily;
import io.github.netblock.index.model.ReverseDnsEntry;
import java.time.Instant;
import java.util.Locale;

/** Reverse DNS entries of one family, in columns; {@link #sortedUnique} orders and dedups them. */
final class ReverseDnsTable {
    final boolean v6;
    private final LongList hi;
    private final LongList lo = new LongList();
    private final IntList strings = new IntList(); // name, registered domain, tld
    private final LongList firstSeen = new LongList();
    private final LongList lastSeen = new LongList();

    ReverseDnsTable(IpFamily family) {
        this.v6 = family == IpFamily.IPV6;
        this.hi = v6 ? new LongList() : null;
    }

    void add(ReverseDnsEntry e, StringPoolBuilder pool) {
        if (v6) {
            hi.add(e.ip().high());
        }
        lo.add(e.ip().low());
        strings.add(pool.intern(e.name()));
        strings.add(pool.intern(lower(e.registeredDomain())));
        strings.add(pool.intern(lower(e.topLevelDomain())));
        firstSeen.add(millis(e.firstSeen()));
        lastSeen.add(millis(e.lastSeen()));
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static long millis(Instant t) {
        return t == null ? NbdbFormat.NO_TIME : t.toEpochMilli();
    }

    int size() {
        return lo.size();
    }

    long hi(int i) {
        return v6 ? hi.get(i) : 0;
    }

    long lo(int i) {
        return lo.get(i);
    }

    int name(int i) {
        return strings.get(3 * i);
    }

    int registeredDomain(int i) {
        return strings.get(3 * i + 1);
    }

    int topLevelDomain(int i) {
        return strings.get(3 * i + 2);
    }

    long firstSeen(int i) {
        return firstSeen.get(i);
    }

    long lastSeen(int i) {
        return lastSeen.get(i);
    }

    /** Indices sorted by address; for an address seen more than once, the most recently seen name wins. */
    int[] sortedUnique() {
        int n = size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        IntSorter.sort(idx, (a, b) -> {
            int c = BlockTable.compare(hi(a), lo(a), hi(b), lo(b));
            if (c != 0) {
                return c;
            }
            c = Long.compare(lastSeen(b), lastSeen(a));
            return c != 0 ? c : Integer.compare(a, b);
        });
        IntList out = new IntList(n);
        for (int i = 0; i < n; i++) {
            if (i == 0 || hi(idx[i]) != hi(idx[i - 1]) || lo(idx[i]) != lo(idx[i - 1])) {
                out.add(idx[i]);
            }
        }
        return out.toArray();
    }
}
