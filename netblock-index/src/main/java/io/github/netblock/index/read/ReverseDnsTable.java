package io.github.netblock.index.read;

import static io.github.netblock.index.format.NbdbFormat.*;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.ReverseDnsEntry;

/**
 * The reverse DNS sections: one row per address (exact match, sorted), with the PTR name, its
 * registered domain and top-level domain, the row of its registrar and when it was seen.
 */
final class ReverseDnsTable {
    private final MappedRegion v4;
    private final MappedRegion v6;
    private final int count4;
    private final int count6;
    private final StringPool strings;

    ReverseDnsTable(MappedRegion v4, MappedRegion v6, StringPool strings) {
        this.v4 = v4;
        this.v6 = v6;
        this.count4 = (int) (v4.length() / RDNS_V4_SIZE);
        this.count6 = (int) (v6.length() / RDNS_V6_SIZE);
        this.strings = strings;
    }

    /** Whether the section lengths are whole rows and add up to {@code expected}. */
    boolean matches(long expected) {
        return v4.length() % RDNS_V4_SIZE == 0 && v6.length() % RDNS_V6_SIZE == 0 && count4 + (long) count6 == expected;
    }

    /** Byte offset of the row of exactly this address in its family's section, or -1. */
    long find(IpAddress a) {
        int lo = 0;
        if (a.isV4()) {
            int hi = count4 - 1;
            int key = a.v4Value();
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = Integer.compareUnsigned(v4.getInt((long) mid * RDNS_V4_SIZE), key);
                if (c == 0) {
                    return (long) mid * RDNS_V4_SIZE;
                } else if (c < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return -1;
        }
        int hi = count6 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long at = (long) mid * RDNS_V6_SIZE;
            int c = Long.compareUnsigned(v6.getLong(at), a.high());
            if (c == 0) {
                c = Long.compareUnsigned(v6.getLong(at + 8), a.low());
            }
            if (c == 0) {
                return at;
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /** The entry of the row at {@code at} (from {@link #find}) of address {@code a}. */
    ReverseDnsEntry entryAt(IpAddress a, long at) {
        MappedRegion r = a.isV4() ? v4 : v6;
        long attrs = at + (a.isV4() ? RDNS_ATTRS_V4 : RDNS_ATTRS_V6);
        return new ReverseDnsEntry(a, strings.get(r.getInt(attrs + RDNS_NAME)),
                BlockRecords.time(r.getLong(attrs + RDNS_FIRST_SEEN)), BlockRecords.time(r.getLong(attrs + RDNS_LAST_SEEN)),
                strings.get(r.getInt(attrs + RDNS_REGISTERED_DOMAIN)), strings.get(r.getInt(attrs + RDNS_TLD)));
    }

    /** The registrar row linked to the row at {@code at}, or -1 (no second search by domain needed). */
    int registrarRowAt(IpAddress a, long at) {
        MappedRegion r = a.isV4() ? v4 : v6;
        return r.getInt(at + (a.isV4() ? RDNS_ATTRS_V4 : RDNS_ATTRS_V6) + RDNS_REGISTRAR);
    }
}
