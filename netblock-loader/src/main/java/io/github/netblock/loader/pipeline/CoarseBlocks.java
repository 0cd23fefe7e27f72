package io.github.netblock.loader.pipeline;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.merge.RangeLayer;
import io.github.netblock.loader.merge.Layered;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The precedence of coarse sources under detailed ones. A detailed block (RPSL, ARIN, WhoisXML) names
 * the network, its owner and its abuse contact; a coarse one (a delegated-statistics record) knows a
 * country, a registry, a date. (The AS and country ranges make no blocks at all: they are the
 * database's views, see {@link Layers}.) A coarse block must never become
 * the narrowest block of an address that a detailed block describes, or the document would lose the
 * netname, owner and abuse contact. The rule:
 * <ol>
 * <li>Lend: a detailed block lacking a country or registry takes them from the delegated records
 * that cover it whole (before the AS ranges lend an AS, {@link Layers#attach}). Nothing else is lent: a delegated date is a registration date, not a change of the object.</li>
 * <li>Same range: the detailed block stands alone; the coarse one has lent what it had.</li>
 * <li>Inside: a coarse block inside a detailed block of the same registry (an NIR counting as its
 * RIR: JPNIC, KRNIC ... as APNIC) is dropped: the registry's own object describes that space, and
 * a delegated record inside it is only a piece of its history (APNIC lists JPNIC's
 * {@code 2001:240::/32} as four delegated records).</li>
 * <li>Anything else stays: a coarse block around detailed ones (a parent, filling the gaps between
 * them), and a coarse block inside a detailed block of another registry. Registries keep objects
 * for space they do not manage (RIPE's {@code 0.0.0.0 - 255.255.255.255} root object, its
 * {@code NON-RIPE-NCC-MANAGED-ADDRESS-BLOCK}s, APNIC's {@code IANA-BLOCK}); the delegated record of
 * the registry that does is the better answer there.</li>
 * </ol>
 * Partial overlaps are left to the builder, which declares the detailed sources strongest.
 */
final class CoarseBlocks {
    /** The NIRs under APNIC, whose objects APNIC's dump mirrors with their own {@code source:}. */
    private static final Map<String, String> NIRS = Map.of("JPNIC", "APNIC", "KRNIC", "APNIC", "CNNIC", "APNIC", "TWNIC", "APNIC",
            "IDNIC", "APNIC", "VNNIC", "APNIC", "IRINN", "APNIC");
    private static final List<String> RIRS = List.of("AFRINIC", "APNIC", "ARIN", "LACNIC", "RIPE");

    /** What a delegated record lends: its country and registry. */
    private record Allocation(String country, String registry) {}

    private final RangeLayer<Allocation> allocations;
    private final Candidates<Netblock> delegated;

    /** @param delegatedBlocks the coarse feeds' blocks, strongest feed first */
    CoarseBlocks(List<Netblock> delegatedBlocks) {
        List<Layered<Allocation>> weakestFirst = new ArrayList<>(delegatedBlocks.size());
        for (int i = delegatedBlocks.size() - 1; i >= 0; i--) {
            Netblock b = delegatedBlocks.get(i);
            weakestFirst.add(new Layered<>(b.range(), new Allocation(b.country(), b.registry())));
        }
        this.allocations = new RangeLayer<>(weakestFirst);
        this.delegated = new Candidates<>(delegatedBlocks, Netblock::range, b -> rir(b.registry()));
    }

    /** The RIR a registry name belongs to (NIRs to theirs), or null for another or none. */
    static String rir(String registry) {
        if (registry == null) {
            return null;
        }
        String r = registry.strip().toUpperCase(Locale.ROOT);
        r = NIRS.getOrDefault(r, r);
        if (r.equals("RIPE NCC") || r.equals("RIPENCC")) {
            r = "RIPE";
        }
        return RIRS.contains(r) ? r : null;
    }

    /** The detailed block with the country and registry it lacks, from the delegated records that cover it whole. */
    Netblock lend(Netblock detailed) {
        if (detailed.country() != null && detailed.registry() != null) {
            return detailed;
        }
        Allocation a = allocations.covering(detailed.range());
        if (a == null) {
            return detailed;
        }
        Netblock.Builder b = detailed.toBuilder();
        if (detailed.country() == null && a.country() != null) {
            b.country(a.country());
        }
        if (detailed.registry() == null && a.registry() != null) {
            b.registry(a.registry());
        }
        return b.build();
    }

    /** Drops the coarse blocks this detailed block stands for (same range, or inside it and of its registry). */
    void place(Netblock detailed) {
        String rir = rir(detailed.registry());
        delegated.standFor(detailed.range(), rir);
    }

    /** The delegated blocks no detailed block stands for, in address order. */
    List<Netblock> remainingDelegated() {
        return delegated.remaining();
    }

    /** How many coarse blocks detailed ones stood for. */
    int dropped() {
        return delegated.gone.cardinality();
    }

    /** Coarse blocks sorted by first address, each with its RIR, and which of them are gone. */
    private static final class Candidates<T> {
        private final List<T> items;
        private final IpRange[] ranges;
        private final String[] rirs;
        private final BitSet gone = new BitSet();

        Candidates(List<T> input, Function<T, IpRange> range, Function<T, String> rir) {
            List<T> sorted = new ArrayList<>(input);
            sorted.sort(Comparator.comparing(range, Comparator.comparing(IpRange::first)));
            this.items = sorted;
            this.ranges = new IpRange[sorted.size()];
            this.rirs = new String[sorted.size()];
            for (int i = 0; i < sorted.size(); i++) {
                ranges[i] = range.apply(sorted.get(i));
                rirs[i] = rir.apply(sorted.get(i));
            }
        }

        void standFor(IpRange detailed, String rir) {
            IpAddress last = detailed.last();
            for (int i = firstAtOrAfter(detailed.first()); i < ranges.length && ranges[i].first().compareTo(last) <= 0; i++) {
                IpRange r = ranges[i];
                if (r.last().compareTo(last) <= 0 && (r.equals(detailed) || (rir != null && rir.equals(rirs[i])))) {
                    gone.set(i);
                }
            }
        }

        private int firstAtOrAfter(IpAddress a) {
            int lo = 0;
            int hi = ranges.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ranges[mid].first().compareTo(a) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        List<T> remaining() {
            List<T> out = new ArrayList<>(items.size() - gone.cardinality());
            for (int i = gone.nextClearBit(0); i < items.size(); i = gone.nextClearBit(i + 1)) {
                out.add(items.get(i));
            }
            return out;
        }
    }
}
