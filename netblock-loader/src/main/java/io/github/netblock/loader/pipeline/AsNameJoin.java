package io.github.netblock.loader.pipeline;

import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.feed.OriginAs;
import io.github.netblock.loader.merge.Layered;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The AS-name join: an AS number without a name (an IP-to-ASN row without organisation, a WhoisXML
 * record with the number alone) takes the {@code as-name} of its RPSL {@code aut-num} object. Every
 * name is collected before the first block is built, so naming does not depend on where the feed
 * with the {@code aut-num} objects stands in the configuration; where two feeds name one AS, the
 * stronger (earlier) feed's name wins, as the stronger feed wins every other attribute.
 */
final class AsNameJoin {
    private final Map<Long, String> names = new HashMap<>();

    /** Called strongest feed first: the first name of a number stays. */
    void add(long asNumber, String name) {
        names.putIfAbsent(asNumber, name);
    }

    OriginAs name(OriginAs as) {
        String name = as.name() == null ? names.get(as.number()) : null;
        return name == null ? as : as.withName(name);
    }

    /** The ranges with their ASes named. */
    List<Layered<OriginAs>> name(List<Layered<OriginAs>> ranges) {
        return ranges.stream().map(l -> new Layered<>(l.range(), name(l.value()))).toList();
    }

    /** The block with its own AS named. */
    Netblock name(Netblock block) {
        String name = block.asNumber() != null && block.asName() == null ? names.get(block.asNumber()) : null;
        return name == null ? block : block.toBuilder().asName(name).build();
    }
}
