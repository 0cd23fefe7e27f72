package io.github.netblock.loader.merge;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpFamily;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.loader.merge.Layered;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Ranges with a value (AS or country) flattened into non-overlapping, sorted pieces, for finding the
 * value of the range that covers a whole block and for laying layers over each other.
 *
 * <p>Range files overlap on purpose: ip-location-db's {@code geo-whois-asn-country} lists
 * {@code 173.46.84.0-173.46.159.255 US}, then {@code 173.46.148.0-173.46.155.255 CA} inside it, then
 * {@code 173.46.156.0-173.82.4.255 US} across its end. The files are sorted by first address (at one
 * first address, the wider range first), and a later row states the value of the addresses it names:
 * CA for the eight /24s, the rest of the first range keeping US. That is how the publisher's own
 * MaxMind database of the same version answers, row after row inserted over the earlier ones. So the
 * input is painted in its order, each range over what came before it, and the pieces of a range that
 * a later one covers go to the later range; the rest of the wider range keeps its value. Neighbouring
 * pieces with equal values are joined, so a block that several rows of one value cover whole is
 * covered.
 */
public final class RangeLayer<T> {
    private final List<Layered<T>> ranges;
    private final int overridden;

    /** @param input ranges in precedence order: where two overlap, the later one's value wins */
    public RangeLayer(List<Layered<T>> input) {
        Map<IpFamily, TreeMap<IpAddress, Layered<T>>> byFamily = new EnumMap<>(IpFamily.class);
        int o = 0;
        for (Layered<T> l : input) {
            o += paint(byFamily.computeIfAbsent(l.range().family(), f -> new TreeMap<>()), l);
        }
        List<Layered<T>> out = new ArrayList<>();
        for (IpFamily family : IpFamily.values()) { // IPv4 before IPv6, as IpAddress sorts them
            TreeMap<IpAddress, Layered<T>> pieces = byFamily.get(family);
            if (pieces != null) {
                join(pieces.values(), out);
            }
        }
        this.ranges = List.copyOf(out);
        this.overridden = o;
    }

    /** Lays {@code l} over the pieces; returns how many earlier pieces it covered in part or whole. */
    private static <T> int paint(TreeMap<IpAddress, Layered<T>> pieces, Layered<T> l) {
        IpAddress first = l.range().first();
        IpAddress last = l.range().last();
        int covered = 0;
        List<Layered<T>> rest = new ArrayList<>(2);
        Map.Entry<IpAddress, Layered<T>> before = pieces.lowerEntry(first);
        if (before != null && before.getValue().range().last().compareTo(first) >= 0) {
            Layered<T> p = before.getValue(); // starts before l and reaches into it
            covered++;
            pieces.put(p.range().first(), new Layered<>(new IpRange(p.range().first(), first.previous()), p.value()));
            if (p.range().last().compareTo(last) > 0) {
                rest.add(new Layered<>(new IpRange(last.next(), p.range().last()), p.value()));
            }
        }
        var inside = pieces.subMap(first, true, last, true);
        for (Layered<T> p : inside.values()) {
            covered++;
            if (p.range().last().compareTo(last) > 0) {
                rest.add(new Layered<>(new IpRange(last.next(), p.range().last()), p.value()));
            }
        }
        inside.clear();
        pieces.put(first, l);
        for (Layered<T> r : rest) {
            pieces.put(r.range().first(), r);
        }
        return covered;
    }

    private static <T> void join(Iterable<Layered<T>> sorted, List<Layered<T>> out) {
        Layered<T> run = null;
        for (Layered<T> p : sorted) {
            if (run != null && !run.range().last().isMax() && run.range().last().next().equals(p.range().first())
                    && Objects.equals(run.value(), p.value())) {
                run = new Layered<>(new IpRange(run.range().first(), p.range().last()), run.value());
                continue;
            }
            if (run != null) {
                out.add(run);
            }
            run = p;
        }
        if (run != null) {
            out.add(run);
        }
    }

    /** The pieces, sorted, without overlaps, IPv4 first. */
    public List<Layered<T>> ranges() {
        return ranges;
    }

    /** How many times a range covered (part of) an earlier one. */
    public int overridden() {
        return overridden;
    }

    /** The value of the piece that contains all of {@code block}, or null. */
    public T covering(IpRange block) {
        Layered<T> l = at(block.first());
        return l != null && l.range().contains(block) ? l.value() : null;
    }

    /** The piece that contains {@code address}, or null. */
    public Layered<T> at(IpAddress address) {
        int lo = 0;
        int hi = ranges.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (ranges.get(mid).range().first().compareTo(address) <= 0) {
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
        return l.range().contains(address) ? l : null;
    }
}
