package io.github.netblock.index.builder;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.Netblock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The builder's documented rule, written the slow and obvious way: merge exact duplicates (strongest
 * first, gaps filled from the next), then decide blocks strongest first and drop any block that
 * partially overlaps one already kept; answer with every kept block containing the address,
 * narrowest first.
 */
final class BruteForceOracle {
    /** A block as given to the builder, with the rank of its source and its insertion position. */
    record Input(Netblock block, int rank, int position) {}

    private final List<Netblock> kept = new ArrayList<>();

    BruteForceOracle(List<Input> inputs) {
        Comparator<Input> strongestFirst = Comparator.comparingInt(Input::rank)
                .thenComparing((Input i) -> i.block().lastModified() == null ? Instant.MIN : i.block().lastModified(), Comparator.reverseOrder())
                .thenComparingInt(Input::position);
        Map<Object, List<Input>> byRange = new LinkedHashMap<>();
        for (Input i : inputs) {
            byRange.computeIfAbsent(i.block().range(), k -> new ArrayList<>()).add(i);
        }
        List<Input> merged = new ArrayList<>();
        for (List<Input> same : byRange.values()) {
            same.sort(strongestFirst);
            Netblock b = same.get(0).block();
            for (Input donor : same.subList(1, same.size())) {
                b = fill(b, donor.block());
            }
            merged.add(new Input(b, same.get(0).rank(), same.get(0).position()));
        }
        merged.sort(strongestFirst);
        for (Input candidate : merged) {
            boolean cut = kept.stream().anyMatch(k -> k.range().partiallyOverlaps(candidate.block().range()));
            if (!cut) {
                kept.add(candidate.block());
            }
        }
    }

    private static Netblock fill(Netblock w, Netblock d) {
        return new Netblock(w.range(), or(w.name(), d.name()), or(w.handle(), d.handle()), or(w.description(), d.description()),
                or(w.status(), d.status()), or(w.country(), d.country()), or(w.ownerId(), d.ownerId()),
                or(w.ownerName(), d.ownerName()), or(w.abuseEmail(), d.abuseEmail()), or(w.registry(), d.registry()),
                or(w.lastModified(), d.lastModified()), or(w.asNumber(), d.asNumber()), or(w.asName(), d.asName()),
                or(w.source(), d.source()));
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }

    List<Netblock> kept() {
        return kept;
    }

    /** Every kept block containing the address, narrowest first. */
    List<Netblock> chain(IpAddress address) {
        IpAddress a = address.unmapped();
        return kept.stream()
                .filter(b -> b.range().contains(a))
                .sorted(Comparator.comparing(b -> b.range().size()))
                .toList();
    }
}
