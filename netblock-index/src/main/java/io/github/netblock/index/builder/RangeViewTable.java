package io.github.netblock.index.builder;

import io.github.netblock.index.format.NbdbFormat;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpFamily;
import io.github.netblock.index.ip.IpRange;
import java.io.IOException;
import java.util.Arrays;

/**
 * The rows of one view of the address space (origin AS, country) for one family, in columns while
 * they are added; {@link #rows} sorts them, checks that no two overlap, joins neighbours of the same
 * value and puts a gap row after each run so that a reader can tell an address the view does not
 * cover. A numbered view (origin AS) writes a number beside the name; the country view only a name.
 */
final class RangeViewTable {
    private final boolean v6;
    private final boolean numbered;
    private final String what;
    private final LongList firstHi = new LongList();
    private final LongList firstLo = new LongList();
    private final LongList lastHi = new LongList();
    private final LongList lastLo = new LongList();
    private final LongList asn = new LongList();
    private final IntList name = new IntList();

    /**
     * @param numbered whether rows carry a number (the origin AS) beside the name
     * @param what     the view's name for messages ("origin-AS", "country")
     */
    RangeViewTable(IpFamily family, boolean numbered, String what) {
        this.v6 = family == IpFamily.IPV6;
        this.numbered = numbered;
        this.what = what;
    }

    void add(IpRange range, long number, int nameId) {
        firstHi.add(range.first().high());
        firstLo.add(range.first().low());
        lastHi.add(range.last().high());
        lastLo.add(range.last().low());
        asn.add(number);
        name.add(nameId);
    }

    int size() {
        return asn.size();
    }

    /** The rows to write: starts (high, low), number and name id, gaps as NO_AS and NO_STRING. */
    record Rows(long[] startHi, long[] startLo, long[] asn, int[] name, int count) {}

    Rows rows() {
        int n = asn.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> compare(firstHi.get(a), firstLo.get(a), firstHi.get(b), firstLo.get(b)));
        long[] sHi = new long[2 * n];
        long[] sLo = new long[2 * n];
        long[] as = new long[2 * n];
        int[] nm = new int[2 * n];
        int rows = 0;
        long endHi = 0;
        long endLo = 0; // last address of the previous range
        boolean open = false; // whether the previous row is a range (not a gap) that the next may extend
        for (int k = 0; k < n; k++) {
            int i = order[k];
            long fHi = firstHi.get(i);
            long fLo = firstLo.get(i);
            if (rows > 0 && compare(fHi, fLo, endHi, endLo) <= 0) {
                throw new IllegalArgumentException(what + " range " + text(fHi, fLo, lastHi.get(i), lastLo.get(i))
                        + " overlaps the range before it, which ends at " + address(endHi, endLo));
            }
            boolean adjacent = rows > 0 && isNext(endHi, endLo, fHi, fLo);
            if (adjacent && open && as[rows - 1] == asn.get(i) && nm[rows - 1] == name.get(i)) {
                // extends the previous row
            } else {
                if (rows > 0 && !adjacent) {
                    // a gap from the address after the previous range
                    long gHi = endLo == -1L ? endHi + 1 : endHi;
                    long gLo = endLo + 1;
                    sHi[rows] = gHi;
                    sLo[rows] = gLo;
                    as[rows] = NbdbFormat.NO_AS;
                    nm[rows] = NbdbFormat.NO_STRING;
                    rows++;
                }
                sHi[rows] = fHi;
                sLo[rows] = fLo;
                as[rows] = asn.get(i);
                nm[rows] = name.get(i);
                rows++;
            }
            open = true;
            endHi = lastHi.get(i);
            endLo = lastLo.get(i);
        }
        boolean endsAtTop = v6 ? (endHi == -1L && endLo == -1L) : endLo == 0xFFFF_FFFFL;
        if (rows > 0 && !endsAtTop) {
            sHi[rows] = endLo == -1L ? endHi + 1 : endHi;
            sLo[rows] = endLo + 1;
            as[rows] = NbdbFormat.NO_AS;
            nm[rows] = NbdbFormat.NO_STRING;
            rows++;
        }
        return new Rows(sHi, sLo, as, nm, rows);
    }

    /** Writes the rows; {@code strings} maps the builder's string ids to the file's. */
    void write(ChecksummedOutput out, Rows r, java.util.function.IntUnaryOperator strings) throws IOException {
        for (int i = 0; i < r.count(); i++) {
            if (v6) {
                out.putLong(r.startHi()[i]);
                out.putLong(r.startLo()[i]);
                out.putInt(strings.applyAsInt(r.name()[i]));
                out.putInt(0);
            } else {
                out.putInt((int) r.startLo()[i]);
                out.putInt(strings.applyAsInt(r.name()[i]));
            }
            if (numbered) {
                out.putLong(r.asn()[i]);
            }
        }
    }

    long bytes(Rows r) {
        return (long) r.count() * NbdbFormat.viewRowSize(v6, numbered);
    }

    private static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    /** Whether b is the address right after a. */
    private static boolean isNext(long aHi, long aLo, long bHi, long bLo) {
        return aLo == -1L ? (bHi == aHi + 1 && bLo == 0) : (bHi == aHi && bLo == aLo + 1);
    }

    private String address(long hi, long lo) {
        return v6 ? IpAddress.ofV6(hi, lo).toString() : IpAddress.ofV4((int) lo).toString();
    }

    private String text(long fHi, long fLo, long lHi, long lLo) {
        return address(fHi, fLo) + " - " + address(lHi, lLo);
    }
}
