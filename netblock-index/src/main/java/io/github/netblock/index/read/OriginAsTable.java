package io.github.netblock.index.read;

import static io.github.netblock.index.format.NbdbFormat.NO_AS;
import static io.github.netblock.index.format.NbdbFormat.ORIGIN_AS_V4_SIZE;
import static io.github.netblock.index.format.NbdbFormat.ORIGIN_AS_V6_SIZE;

import io.github.netblock.index.format.InvalidDatabaseException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.OriginAs;
import java.nio.file.Path;

/** The origin-AS sections (format 1.1): rows sorted by start; a file without them has no routing data. */
final class OriginAsTable {
    private final MappedRegion v4;
    private final MappedRegion v6;
    private final int count4;
    private final int count6;
    private final StringPool strings;

    /** Either region may be null: a 1.0 file. */
    OriginAsTable(Path file, MappedRegion v4, MappedRegion v6, StringPool strings) {
        this.v4 = v4;
        this.v6 = v6;
        this.count4 = v4 == null ? 0 : rows(file, v4, ORIGIN_AS_V4_SIZE, "IPv4");
        this.count6 = v6 == null ? 0 : rows(file, v6, ORIGIN_AS_V6_SIZE, "IPv6");
        this.strings = strings;
    }

    private static int rows(Path file, MappedRegion r, int size, String family) {
        if (r.length() % size != 0 || r.length() / size > Integer.MAX_VALUE) {
            throw new InvalidDatabaseException(file, family + " origin-AS section has " + r.length() + " bytes, not whole rows");
        }
        return (int) (r.length() / size);
    }

    boolean isEmpty() {
        return count4 == 0 && count6 == 0;
    }

    /** The origin AS of the address, or null where it is not routed (or the file has no routing data). */
    OriginAs find(IpAddress a) {
        int lo = 0;
        int found = -1;
        if (a.isV4()) {
            int hi = count4 - 1;
            int key = a.v4Value();
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (Integer.compareUnsigned(v4.getInt((long) mid * ORIGIN_AS_V4_SIZE), key) <= 0) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (found < 0) {
                return null;
            }
            long at = (long) found * ORIGIN_AS_V4_SIZE;
            long asn = v4.getLong(at + 8);
            return asn == NO_AS ? null : new OriginAs(asn, strings.get(v4.getInt(at + 4)));
        }
        int hi = count6 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long at = (long) mid * ORIGIN_AS_V6_SIZE;
            int c = Long.compareUnsigned(v6.getLong(at), a.high());
            if (c == 0) {
                c = Long.compareUnsigned(v6.getLong(at + 8), a.low());
            }
            if (c <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return null;
        }
        long at = (long) found * ORIGIN_AS_V6_SIZE;
        long asn = v6.getLong(at + 24);
        return asn == NO_AS ? null : new OriginAs(asn, strings.get(v6.getInt(at + 16)));
    }
}
