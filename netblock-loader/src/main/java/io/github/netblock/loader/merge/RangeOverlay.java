package io.github.netblock.loader.merge;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Lays two range layers over each other (e.g. IP-to-ASN ranges and IP-to-country ranges, which
 * cut the address space at different places) and yields the pieces of their union, each with the
 * value of either layer that covers it (or null). Neighbouring pieces with equal values are joined.
 *
 * <p>Call it once per address family. Each layer must be sorted by first address and free of
 * overlaps within itself; ranges that
 * overlap an earlier one of the same layer are reported and skipped.
 */
public final class RangeOverlay {
    private RangeOverlay() {}

    /** A range with a value. */
    public record Layered<T>(IpRange range, T value) {}

    /**
     * A piece of the union, in address order.
     *
     * @param firstValue  the value of the first layer's range that covers the piece, or null
     * @param secondValue the value of the second layer's range that covers the piece, or null
     */
    public record Piece<A, B>(IpRange range, A firstValue, B secondValue) {}

    /**
     * @param overlapping called with each range dropped for overlapping an earlier range of its layer
     *                    ("first" or "second") and the range
     */
    public static <A, B> List<Piece<A, B>> overlay(List<Layered<A>> firstLayer, List<Layered<B>> secondLayer,
                                                   BiConsumer<String, IpRange> overlapping) {
        List<Layered<A>> a = clean(firstLayer, "first", overlapping);
        List<Layered<B>> b = clean(secondLayer, "second", overlapping);
        List<Piece<A, B>> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        IpAddress pos = null; // everything before pos is done
        while (i < a.size() || j < b.size()) {
            IpRange ra = i < a.size() ? a.get(i).range() : null;
            IpRange rb = j < b.size() ? b.get(j).range() : null;
            IpAddress sa = ra == null ? null : max(ra.first(), pos);
            IpAddress sb = rb == null ? null : max(rb.first(), pos);
            IpAddress start = sa == null ? sb : sb == null ? sa : min(sa, sb);
            boolean inA = ra != null && ra.contains(start);
            boolean inB = rb != null && rb.contains(start);
            IpAddress end = null;
            end = minEnd(end, ra, start, inA);
            end = minEnd(end, rb, start, inB);
            add(out, new Piece<>(new IpRange(start, end), inA ? a.get(i).value() : null, inB ? b.get(j).value() : null));
            if (end.isMax()) {
                break;
            }
            pos = end.next();
            while (i < a.size() && a.get(i).range().last().compareTo(pos) < 0) {
                i++;
            }
            while (j < b.size() && b.get(j).range().last().compareTo(pos) < 0) {
                j++;
            }
        }
        return out;
    }

    private static IpAddress minEnd(IpAddress end, IpRange r, IpAddress start, boolean inside) {
        if (r == null || r.first().family() != start.family()) {
            return end == null ? familyMax(start) : end;
        }
        IpAddress candidate = inside ? r.last() : (r.first().compareTo(start) > 0 ? r.first().previous() : familyMax(start));
        return end == null || candidate.compareTo(end) < 0 ? candidate : end;
    }

    private static IpAddress familyMax(IpAddress a) {
        return a.isV4() ? IpAddress.ofV4(-1) : IpAddress.ofV6(-1L, -1L);
    }

    private static <A, B> void add(List<Piece<A, B>> out, Piece<A, B> p) {
        if (!out.isEmpty()) {
            Piece<A, B> prev = out.get(out.size() - 1);
            if (prev.range().last().family() == p.range().first().family() && !prev.range().last().isMax()
                    && prev.range().last().next().equals(p.range().first())
                    && Objects.equals(prev.firstValue(), p.firstValue()) && Objects.equals(prev.secondValue(), p.secondValue())) {
                out.set(out.size() - 1, new Piece<>(new IpRange(prev.range().first(), p.range().last()), p.firstValue(), p.secondValue()));
                return;
            }
        }
        if (p.firstValue() != null || p.secondValue() != null) {
            out.add(p);
        }
    }

    private static <T> List<Layered<T>> clean(List<Layered<T>> layer, String name, BiConsumer<String, IpRange> overlapping) {
        List<Layered<T>> out = new ArrayList<>(layer.size());
        for (Layered<T> l : layer) {
            if (!out.isEmpty()) {
                IpRange prev = out.get(out.size() - 1).range();
                if (prev.family() == l.range().family() && l.range().first().compareTo(prev.last()) <= 0) {
                    overlapping.accept(name, l.range());
                    continue;
                }
                if (prev.family() == l.range().family() && l.range().first().compareTo(prev.first()) < 0) {
                    throw new IllegalArgumentException(name + " layer is not sorted at " + l.range());
                }
            }
            out.add(l);
        }
        return out;
    }

    private static IpAddress max(IpAddress a, IpAddress b) {
        if (b == null || a.family() != b.family()) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static IpAddress min(IpAddress a, IpAddress b) {
        if (a.family() != b.family()) {
            return a.isV4() ? a : b; // IPv4 pieces come first
        }
        return a.compareTo(b) <= 0 ? a : b;
    }
}
