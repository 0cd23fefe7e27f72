package io.github.netblock.index.builder;

import io.github.netblock.index.format.NbdbFormat;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * What blocks share, stored once (format 3.0), on two levels. The common part is what whole
 * registries and allocations share: status, country, registry, AS number and name, source. The
 * attribute set of a block is its description, owner id and name, abuse e-mail and its common part.
 * The assignments of one allocation usually share a set, and the customers among them that have an
 * owner of their own still share the common part, so a RIPE-scale file keeps a fraction as many sets
 * as blocks and far fewer common parts. Both are found by sorting the written blocks (no hash map of
 * millions of keys) and numbered in that order.
 */
final class AttributeSets {
    /** The string attributes of a common part and of a set, in their order (see {@link NbdbFormat#indexIn}). */
    private static final int[] COMMON = {NbdbFormat.STR_STATUS, NbdbFormat.STR_COUNTRY, NbdbFormat.STR_REGISTRY,
        NbdbFormat.STR_AS_NAME, NbdbFormat.STR_SOURCE};
    private static final int[] OWN = {NbdbFormat.STR_DESCRIPTION, NbdbFormat.STR_OWNER_ID, NbdbFormat.STR_OWNER_NAME,
        NbdbFormat.STR_ABUSE_EMAIL};

    static {
        for (int k = 0; k < COMMON.length; k++) {
            if (NbdbFormat.indexIn(COMMON[k]) != k || NbdbFormat.placeOf(COMMON[k]) != NbdbFormat.Place.COMMON) {
                throw new AssertionError("common part order differs from NbdbFormat.indexIn");
            }
        }
        for (int k = 0; k < OWN.length; k++) {
            if (NbdbFormat.indexIn(OWN[k]) != k || NbdbFormat.placeOf(OWN[k]) != NbdbFormat.Place.SET) {
                throw new AssertionError("attribute set order differs from NbdbFormat.indexIn");
            }
        }
    }

    private final BlockTable v4;
    private final BlockTable v6;
    private final ContainmentForest f4;
    private final ContainmentForest f6;
    /** Common part of each written block: IPv4 local ids first, then IPv6. */
    private final int[] commonOf;
    /** Set id of each written block, positions as in {@link #commonOf}. */
    private final int[] setOf;
    /** A written block of each common part and of each set, to write it from. */
    private final int[] commonRepresentative;
    private final int[] setRepresentative;

    AttributeSets(BlockTable v4, ContainmentForest f4, BlockTable v6, ContainmentForest f6) {
        this.v4 = v4;
        this.v6 = v6;
        this.f4 = f4;
        this.f6 = f6;
        int n = f4.order.length + f6.order.length;
        this.commonOf = new int[n];
        this.commonRepresentative = group(n, this::compareCommon, commonOf);
        this.setOf = new int[n];
        this.setRepresentative = group(n, this::compareSet, setOf);
    }

    /** Numbers the groups of equal positions in sorted order: {@code groupOf[position]}; returns a position of each group. */
    private static int[] group(int n, IntSorter.IntComparator cmp, int[] groupOf) {
        int[] byValue = new int[n];
        for (int i = 0; i < n; i++) {
            byValue[i] = i;
        }
        IntSorter.sort(byValue, cmp);
        int[] reps = new int[n];
        int groups = 0;
        for (int k = 0; k < n; k++) {
            if (k == 0 || cmp.compare(byValue[k - 1], byValue[k]) != 0) {
                reps[groups++] = byValue[k];
            }
            groupOf[byValue[k]] = groups - 1;
        }
        return Arrays.copyOf(reps, groups);
    }

    private BlockTable table(int position) {
        return position < f4.order.length ? v4 : v6;
    }

    private int row(int position) {
        return position < f4.order.length ? f4.order[position] : f6.order[position - f4.order.length];
    }

    private int compareStrings(int a, int b, int[] attributes) {
        BlockTable ta = table(a);
        BlockTable tb = table(b);
        int ra = row(a);
        int rb = row(b);
        for (int s : attributes) {
            int c = Integer.compare(ta.string(ra, s), tb.string(rb, s));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private int compareCommon(int a, int b) {
        int c = compareStrings(a, b, COMMON);
        return c != 0 ? c : Long.compare(table(a).asNumber(row(a)), table(b).asNumber(row(b)));
    }

    private int compareSet(int a, int b) {
        int c = compareStrings(a, b, OWN);
        return c != 0 ? c : Integer.compare(commonOf[a], commonOf[b]);
    }

    int count() {
        return setRepresentative.length;
    }

    int commonCount() {
        return commonRepresentative.length;
    }

    /** The set of a written block: {@code local} is its id within its family. */
    int of(boolean v6Block, int local) {
        return setOf[v6Block ? f4.order.length + local : local];
    }

    long bytes() {
        return (long) count() * NbdbFormat.SET_SIZE;
    }

    long commonBytes() {
        return (long) commonCount() * NbdbFormat.COMMON_SIZE;
    }

    /** Writes the sets; {@code strings} maps the builder's string ids to the file's. */
    void write(ChecksummedOutput out, IntUnaryOperator strings) throws IOException {
        for (int rep : setRepresentative) {
            BlockTable t = table(rep);
            int r = row(rep);
            for (int s : OWN) {
                out.putInt(strings.applyAsInt(t.string(r, s)));
            }
            out.putInt(commonOf[rep]);
        }
    }

    void writeCommons(ChecksummedOutput out, IntUnaryOperator strings) throws IOException {
        for (int rep : commonRepresentative) {
            BlockTable t = table(rep);
            int r = row(rep);
            out.putLong(t.asNumber(r));
            for (int s : COMMON) {
                out.putInt(strings.applyAsInt(t.string(r, s)));
            }
        }
    }
}
