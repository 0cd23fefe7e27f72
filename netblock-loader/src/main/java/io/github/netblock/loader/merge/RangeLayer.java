package io.github.netblock.loader.merge;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.loader.merge.RangeOverlay.Layered;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Non-overlapping ranges with a value (AS or country), sorted, for finding the value of the range
 * that covers a whole block. Ranges that overlap an earlier one are dropped (and counted).
 */
public final class RangeLayer<T> {
    private final List<Layered<T>> ranges;
    private final int dropped;

    public RangeLayer(List<Layered<T>> input) {
        List<Layered<T>> sorted = new ArrayList<>(input);
        sorted.sort(Comparator.comparing((Layered<T> l) -> l.range().first()));
        List<Layered<T>> kept = new ArrayList<>(sorted.size());
        int d = 0;
        for (Layered<T> l : sorted) {
            if (!kept.isEmpty() && kept.get(kept.size() - 1).range().overlaps(l.range())) {
                d++;
                continue;
            }
            kept.add(l);
        }
        this.ranges = kept;
        this.dropped = d;
    }

    public List<Layered<T>> ranges() {
        return ranges;
    }

    public int dropped() {
        return dropped;
    }

    /** The value of the range that contains all of {@code block}, or null. */
    public T covering(IpRange block) {
        IpAddress first = block.first();
        int lo = 0;
        int hi = ranges.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (ranges.get(mid).range().first().compareTo(first) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return null;
        }
        Layered<T> l = ranges.get(found);
        return l.range().contains(block) ? l.value() : null;
    }
}
