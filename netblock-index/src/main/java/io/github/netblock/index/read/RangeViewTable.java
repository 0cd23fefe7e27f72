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
 *
 * <p>At open, a table of 2^16 + 1 row numbers per family (256 KB, on the heap) records where the rows
 * of each /16 (IPv4) or top-16-bit prefix (IPv6) begin, so a lookup searches only the rows of its
 * slot, a few neighbouring rows, instead of the whole table: a search of the whole 640k rows touched
 * some twenty cache lines, the largest cost of an annotation with the views.
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
    /** First row of each slot (the top 16 bits of the address); slot 65536 is the row count. Null for an empty family. */
    private final int[] slots4;
    private final int[] slots6;
    private static final int SLOTS = 1 << 16;

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
        this.slots4 = count4 == 0 ? null : slots(count4, i -> Integer.toUnsignedLong(v4.getInt((long) i * size4)) >>> 16);
        this.slots6 = count6 == 0 ? null : slots(count6, i -> v6.getLong((long) i * size6) >>> 48);
    }

    /**
     * Where each slot's rows begin: the first row whose start lies in the slot or after it. Rows out
     * of order (a corrupt file) only give wrong answers: every entry stays within 0 .. rows.
     */
    private static int[] slots(int rows, java.util.function.IntToLongFunction slotOfRow) {
        int[] first = new int[SLOTS + 1];
        int row = 0;
        for (int slot = 0; slot <= SLOTS; slot++) {
            while (row < rows && slotOfRow.applyAsLong(row) < slot) {
                row++;
            }
            first[slot] = row;
        }
        first[SLOTS] = rows;
        return first;
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
        int found = -1;
        if (a.isV4()) {
            if (slots4 == null) {
                return -1;
            }
            int key = a.v4Value();
            int slot = key >>> 16;
            // the row holding the address starts in its slot, or is the last row before the slot
            int lo = Math.max(slots4[slot] - 1, 0);
            int hi = slots4[slot + 1] - 1;
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
        if (slots6 == null) {
            return -1;
        }
        int slot = (int) (a.high() >>> 48);
        int lo = Math.max(slots6[slot] - 1, 0);
        int hi = slots6[slot + 1] - 1;
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
