package io.github.netblock.loader.feed;

import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.RegistrarEntry;
import io.github.netblock.index.model.ReverseDnsEntry;

/**
 * Where a {@link Feed} hands its records. Each stage of the build takes the kinds it reads and
 * refuses the others: a record of a kind a stage does not expect is a bug in the feed, not bad input.
 */
public interface FeedRecords {
    default void block(Netblock block) {
        throw unexpected("block " + block.range());
    }

    default void reverseDns(ReverseDnsEntry entry) {
        throw unexpected("reverse DNS entry " + entry.ip());
    }

    default void registrar(RegistrarEntry entry) {
        throw unexpected("registrar of " + entry.domain());
    }

    /** A range that the AS {@code as} originates. */
    default void asRange(IpRange range, OriginAs as) {
        throw unexpected("AS range " + range);
    }

    /** A range whose addresses are in {@code country} (ISO 3166 code, upper case). */
    default void countryRange(IpRange range, String country) {
        throw unexpected("country range " + range);
    }

    /** The name of an AS ({@code as-name} of an {@code aut-num} object). */
    default void asName(long asNumber, String name) {
        throw unexpected("name of AS" + asNumber);
    }

    private IllegalStateException unexpected(String what) {
        return new IllegalStateException("unexpected " + what + ": this stage of the build reads none (the feed gives what its Feed.Gives does not say)");
    }
}
