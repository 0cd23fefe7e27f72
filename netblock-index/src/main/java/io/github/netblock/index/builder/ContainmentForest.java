package io.github.netblock.index.builder;

import io.github.netblock.index.format.NbdbFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the blocks of one family into a containment forest and its elementary intervals.
 *
 * <p>The rule, in the order it is applied:
 * <ol>
 *   <li>Exact duplicates (same first and last address) become one block: the strongest by
 *       {@link BlockTable#compareRank} keeps its attributes, and each attribute it lacks is taken
 *       from the next strongest duplicate that has it.</li>
 *   <li>Partial overlaps (two blocks that overlap while neither contains the other) cannot both be
 *       in a tree. Blocks are decided strongest first: a block is dropped when it partially overlaps a
 *       block already kept. So a block survives unless a stronger surviving block cuts across it.</li>
 *   <li>Every kept block's parent is the narrowest kept block that strictly contains it.</li>
 *   <li>The address space is cut into elementary intervals, each pointing at the narrowest block
 *       covering all of it (or none); neighbouring intervals with the same block are merged.</li>
 * </ol>
 * The result is the same for any input order of the same blocks from the same sources, except for
 * the last tie-breaker of the rank (the order blocks were added).
 */
final class ContainmentForest {
    /** Table indices of the kept blocks in pre-order; position = local block id. */
    final int[] order;
    /** Local id of each kept block's parent, or {@link NbdbFormat#NO_BLOCK}. */
    final int[] parent;
    /** Interval start addresses (hi only for IPv6) and the local id of the narrowest block. */
    final LongList intervalHi;
    final LongList intervalLo;
    final IntList intervalBlock;
    final int mergedDuplicates;
    final int droppedOverlaps;

    private ContainmentForest(int[] order, int[] parent, LongList intervalHi, LongList intervalLo, IntList intervalBlock,
                              int mergedDuplicates, int droppedOverlaps) {
        this.order = order;
        this.parent = parent;
        this.intervalHi = intervalHi;
        this.intervalLo = intervalLo;
        this.intervalBlock = intervalBlock;
        this.mergedDuplicates = mergedDuplicates;
        this.droppedOverlaps = droppedOverlaps;
    }

    int intervalCount() {
        return intervalLo.size();
    }

    static ContainmentForest build(BlockTable t) {
        int n = t.size();
        int[] sorted = new int[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = i;
        }
        IntSorter.sort(sorted, t::compareForSweep);

        // 1. Merge exact duplicates: within a run of one range the strongest comes first.
        IntList unique = new IntList(n);
        int merged = 0;
        for (int i = 0; i < n; ) {
            int winner = sorted[i];
            int j = i + 1;
            while (j < n && t.sameRange(winner, sorted[j])) {
                t.coalesce(winner, sorted[j]);
                merged++;
                j++;
            }
            unique.add(winner);
            i = j;
        }
        sorted = null;

        // 2. Find partially overlapping pairs, then drop the weaker blocks strongest-first.
        IntList pairs = findPartialOverlaps(t, unique);
        boolean[] dropped = pairs.isEmpty() ? null : dropWeaker(t, pairs, n);
        IntList kept = new IntList(unique.size());
        int droppedCount = 0;
        for (int i = 0; i < unique.size(); i++) {
            int b = unique.get(i);
            if (dropped != null && dropped[b]) {
                droppedCount++;
            } else {
                kept.add(b);
            }
        }
        unique = null;

        // 3 and 4. One pre-order sweep gives parents and elementary intervals.
        int[] order = kept.toArray();
        int[] parent = new int[order.length];
        LongList hi = t.v6 ? new LongList(order.length * 2 + 1) : null;
        LongList lo = new LongList(order.length * 2 + 1);
        IntList block = new IntList(order.length * 2 + 1);
        Intervals out = new Intervals(hi, lo, block);
        long maxHi = t.v6 ? -1L : 0;
        long maxLo = t.v6 ? -1L : 0xFFFF_FFFFL;
        int[] stack = new int[64];
        int depth = 0;
        long curHi = 0;
        long curLo = 0;
        boolean pastEnd = false;
        for (int id = 0; id < order.length; id++) {
            int b = order[id];
            long fHi = t.firstHi(b);
            long fLo = t.firstLo(b);
            while (depth > 0 && BlockTable.compare(t.lastHi(order[stack[depth - 1]]), t.lastLo(order[stack[depth - 1]]), fHi, fLo) < 0) {
                int top = stack[--depth];
                long lHi = t.lastHi(order[top]);
                long lLo = t.lastLo(order[top]);
                if (BlockTable.compare(curHi, curLo, lHi, lLo) <= 0) {
                    out.emit(curHi, curLo, top);
                }
                // last < first of a later block, so last + 1 cannot overflow here
                curLo = lLo + 1;
                curHi = curLo == 0 ? lHi + 1 : lHi;
            }
            int enclosing = depth > 0 ? stack[depth - 1] : NbdbFormat.NO_BLOCK;
            if (BlockTable.compare(curHi, curLo, fHi, fLo) < 0) {
                out.emit(curHi, curLo, enclosing);
            }
            curHi = fHi;
            curLo = fLo;
            parent[id] = enclosing;
            if (depth == stack.length) {
                stack = java.util.Arrays.copyOf(stack, depth * 2);
            }
            stack[depth++] = id;
        }
        while (depth > 0) {
            int top = stack[--depth];
            long lHi = t.lastHi(order[top]);
            long lLo = t.lastLo(order[top]);
            if (!pastEnd && BlockTable.compare(curHi, curLo, lHi, lLo) <= 0) {
                out.emit(curHi, curLo, top);
            }
            if (lHi == maxHi && lLo == maxLo) {
                pastEnd = true;
            } else {
                curLo = lLo + 1;
                curHi = curLo == 0 ? lHi + 1 : lHi;
            }
        }
        if (!pastEnd) {
            out.emit(curHi, curLo, NbdbFormat.NO_BLOCK);
        }
        return new ContainmentForest(order, parent, hi, lo, block, merged, droppedCount);
    }

    /**
     * All pairs (flattened) of blocks that partially overlap. A sweep in sweep order keeps the
     * blocks still open at the current start sorted by last address, widest at the bottom; the
     * ones that end inside the new block are exactly the top of that list. For nested data the
     * list is as deep as the nesting, so this is linear; conflicts cost their number.
     */
    private static IntList findPartialOverlaps(BlockTable t, IntList unique) {
        IntList pairs = new IntList();
        IntList open = new IntList();
        for (int i = 0; i < unique.size(); i++) {
            int b = unique.get(i);
            long fHi = t.firstHi(b);
            long fLo = t.firstLo(b);
            long lHi = t.lastHi(b);
            long lLo = t.lastLo(b);
            while (!open.isEmpty() && BlockTable.compare(t.lastHi(open.last()), t.lastLo(open.last()), fHi, fLo) < 0) {
                open.removeLast();
            }
            int pos = open.size();
            while (pos > 0 && BlockTable.compare(t.lastHi(open.get(pos - 1)), t.lastLo(open.get(pos - 1)), lHi, lLo) < 0) {
                pos--;
                pairs.add(open.get(pos));
                pairs.add(b);
            }
            open.insert(pos, b);
        }
        return pairs;
    }

    private static boolean[] dropWeaker(BlockTable t, IntList pairs, int n) {
        Map<Integer, List<Integer>> neighbours = new HashMap<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            int a = pairs.get(i);
            int b = pairs.get(i + 1);
            neighbours.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
            neighbours.computeIfAbsent(b, k -> new ArrayList<>()).add(a);
        }
        int[] nodes = neighbours.keySet().stream().mapToInt(Integer::intValue).toArray();
        IntSorter.sort(nodes, t::compareRank);
        boolean[] dropped = new boolean[n];
        boolean[] kept = new boolean[n];
        for (int node : nodes) {
            boolean cut = false;
            for (int other : neighbours.get(node)) {
                if (kept[other]) {
                    cut = true;
                    break;
                }
            }
            if (cut) {
                dropped[node] = true;
            } else {
                kept[node] = true;
            }
        }
        return dropped;
    }

    /** Collects interval starts, merging a start whose block equals the previous interval's. */
    private static final class Intervals {
        private final LongList hi;
        private final LongList lo;
        private final IntList block;

        Intervals(LongList hi, LongList lo, IntList block) {
            this.hi = hi;
            this.lo = lo;
            this.block = block;
        }

        void emit(long startHi, long startLo, int blockId) {
            if (!block.isEmpty() && block.last() == blockId) {
                return;
            }
            if (hi != null) {
                hi.add(startHi);
            }
            lo.add(startLo);
            block.add(blockId);
        }
    }
}
