package io.github.netblock.index.builder;

import io.github.netblock.index.format.NbdbFormat;
import java.io.IOException;

/**
 * What blocks share, stored once (format 2.0): the attribute set of a block is its description,
 * status, country, owner id and name, abuse e-mail, registry, AS name, source and AS number. The
 * assignments of one allocation usually share all of these, so a RIPE-scale file keeps a fraction
 * as many sets as blocks. Sets are found by sorting the written blocks by their set (no hash map of
 * millions of keys) and numbered in that order.
 */
final class AttributeSets {
    /** The string attributes of a set, in their order in the set (see {@link NbdbFormat#setIndex}). */
    private static final int[] STRINGS = {NbdbFormat.STR_DESCRIPTION, NbdbFormat.STR_STATUS, NbdbFormat.STR_COUNTRY,
        NbdbFormat.STR_OWNER_ID, NbdbFormat.STR_OWNER_NAME, NbdbFormat.STR_ABUSE_EMAIL, NbdbFormat.STR_REGISTRY,
        NbdbFormat.STR_AS_NAME, NbdbFormat.STR_SOURCE};

    static {
        for (int k = 0; k < STRINGS.length; k++) {
            if (NbdbFormat.setIndex(STRINGS[k]) != k) {
                throw new AssertionError("attribute set order differs from NbdbFormat.setIndex");
            }
        }
    }

    private final BlockTable v4;
    private final BlockTable v6;
    private final ContainmentForest f4;
    private final ContainmentForest f6;
    /** Set id of each written block: IPv4 local ids first, then IPv6. */
    private final int[] setOf;
    /** A written block (global position as in {@link #setOf}) of each set, to write the set from. */
    private final int[] representative;
    private final int count;

    AttributeSets(BlockTable v4, ContainmentForest f4, BlockTable v6, ContainmentForest f6) {
        this.v4 = v4;
        this.v6 = v6;
        this.f4 = f4;
        this.f6 = f6;
        int n = f4.order.length + f6.order.length;
        int[] byValue = new int[n];
        for (int i = 0; i < n; i++) {
            byValue[i] = i;
        }
        IntSorter.sort(byValue, this::compare);
        this.setOf = new int[n];
        int[] reps = new int[n];
        int sets = 0;
        for (int k = 0; k < n; k++) {
            if (k == 0 || compare(byValue[k - 1], byValue[k]) != 0) {
                reps[sets++] = byValue[k];
            }
            setOf[byValue[k]] = sets - 1;
        }
        this.representative = java.util.Arrays.copyOf(reps, sets);
        this.count = sets;
    }

    private BlockTable table(int position) {
        return position < f4.order.length ? v4 : v6;
    }

    private int row(int position) {
        return position < f4.order.length ? f4.order[position] : f6.order[position - f4.order.length];
    }

    private int compare(int a, int b) {
        BlockTable ta = table(a);
        BlockTable tb = table(b);
        int ra = row(a);
        int rb = row(b);
        for (int s : STRINGS) {
            int c = Integer.compare(ta.string(ra, s), tb.string(rb, s));
            if (c != 0) {
                return c;
            }
        }
        return Long.compare(ta.asNumber(ra), tb.asNumber(rb));
    }

    int count() {
        return count;
    }

    /** The set of a written block: {@code local} is its id within its family. */
    int of(boolean v6Block, int local) {
        return setOf[v6Block ? f4.order.length + local : local];
    }

    long bytes() {
        return (long) count * NbdbFormat.ATTRIBUTE_SET_SIZE;
    }

    void write(ChecksummedOutput out) throws IOException {
        for (int rep : representative) {
            BlockTable t = table(rep);
            int r = row(rep);
            for (int s : STRINGS) {
                out.putInt(t.string(r, s));
            }
            out.putLong(t.asNumber(r));
        }
    }
}
