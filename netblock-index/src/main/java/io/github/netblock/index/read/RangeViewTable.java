package io.github.netblock.index.read;

import static io.github.netblock.index.format.NbdbFormat.NO_AS;
import static io.github.netblock.index.format.NbdbFormat.NO_STRING;

import io.github.netblock.index.format.InvalidDatabaseException;
import io.github.netblock.index.format.NbdbFormat;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.OriginAs;
import java.nio.file.Path;

/**
 * A view of the address space apart from the blocks (the origin AS of format 1.1, the country of
 * 1.2): rows sorted by start, an address belonging to the last row that starts at or before it. A
 * file without the view's sections has an empty view.
 */
final class RangeViewTable {
    private final MappedRegion v4;
    private final MappedRegion v6;
    private final int count4;
    private final int count6;
    private final int size4;
    private final int size6;
    private final boolean numbered;
    private final StringPool strings;

    /**
     * Either region may be null: a file older than the view.
     *
     * @param numbered whether rows carry a number after the name (the origin AS)
     * @param what     the view's name for messages
     */
    RangeViewTable(Path file, MappedRegion v4, MappedRegion v6, boolean numbered, String what, StringPool strings) {
        this.numbered = numbered;
        this.size4 = NbdbFormat.viewRowSize(false, numbered);
        this.size6 = NbdbFormat.viewRowSize(true, numbered);
        this.v4 = v4;
        this.v6 = v6;
        this.count4 = v4 == null ? 0 : rows(file, v4, size4, "IPv4 " + what);
        this.count6 = v6 == null ? 0 : rows(file, v6, size6, "IPv6 " + what);
        this.strings = strings;
    }

    private static int rows(Path file, MappedRegion r, int size, String what) {
        if (r.length() % size != 0 || r.length() / size > Integer.MAX_VALUE) {
            throw new InvalidDatabaseException(file, what + " section has " + r.length() + " bytes, not whole rows");
        }
        return (int) (r.length() / size);
    }

    boolean isEmpty() {
        return count4 == 0 && count6 == 0;
    }

    int rows() {
        return count4 + count6;
    }

    /** The row holding the address as {@code family bit (1 = IPv6) << 32 | row}, or -1 where none does. */
    private long row(IpAddress a) {
        int lo = 0;
        int found = -1;
        if (a.isV4()) {
            int hi = count4 - 1;
            int key = a.v4Value();
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (Integer.compareUnsigned(v4.getInt((long) mid * size4), key) <= 0) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }
        int hi = count6 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long at = (long) mid * size6;
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
        return found < 0 ? -1 : (1L << 32) | found;
    }

    /** The name of the address's row (an AS organisation, a country code), or null. */
    String name(IpAddress a) {
        long row = row(a);
        if (row < 0) {
            return null;
        }
        int id = (row >>> 32) == 0 ? v4.getInt((long) (int) row * size4 + 4) : v6.getInt((long) (int) row * size6 + 16);
        return id == NO_STRING ? null : strings.get(id);
    }

    /** The number of the address's row and its name (origin AS, organisation), or null in a gap. */
    OriginAs numbered(IpAddress a) {
        if (!numbered) {
            throw new IllegalStateException("this view has no numbers");
        }
        long row = row(a);
        if (row < 0) {
            return null;
        }
        boolean isV6 = (row >>> 32) != 0;
        long at = (long) (int) row * (isV6 ? size6 : size4);
        MappedRegion r = isV6 ? v6 : v4;
        long number = r.getLong(at + (isV6 ? 24 : 8));
        return number == NO_AS ? null : new OriginAs(number, strings.get(r.getInt(at + (isV6 ? 16 : 4))));
    }
}
