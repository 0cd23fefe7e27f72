package io.github.netblock.loader.live;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.index.read.NetblockDatabase;
import java.util.Set;

/**
 * Whether the database has a detailed block for an address, the rule that decides whether
 * {@code lookup --live} asks RDAP for the network: the narrowest block is detailed when it comes from
 * a WHOIS or RDAP feed (formats {@code rpsl}, {@code arin}, {@code whoisxml}, {@code rdap-json}: they
 * name a network, its owner and its abuse contact) and names the network or whom it belongs to (a
 * netname, an owner or an abuse contact). Anything else is not: no block at all; a delegated-statistics
 * record (a country and a registry, no owner); a block of IANA's special-purpose registry or of the
 * bundled database (IANA-level: the space, not a network); an RDAP parent known by its range alone.
 */
public final class DetailedBlock {
    /** The feed formats whose blocks are registry objects with owners and abuse contacts. */
    static final Set<String> DETAILED_FORMATS = Set.of("rpsl", "arin", "whoisxml", "rdap-json");

    private DetailedBlock() {}

    /** Null when the database has a detailed block for {@code address}; else why not, for the output. */
    public static String missing(NetblockDatabase db, IpAddress address) {
        Netblock b = db.lookup(address.unmapped()).orElse(null);
        if (b == null) {
            return "the database has no block for this address";
        }
        String format = db.metadata().sources().stream().filter(s -> s.name().equals(b.source())).map(SourceInfo::format).findFirst().orElse(null);
        String what = b.range() + (b.name() == null ? "" : " " + b.name()) + " of feed " + b.source() + (format == null ? "" : " (" + format + ")");
        if (format == null || !DETAILED_FORMATS.contains(format)) {
            return "the database's narrowest block, " + what + ", is no registry object with an owner (a delegation or IANA-level block)";
        }
        if (b.name() == null && b.ownerName() == null && b.abuseEmail() == null) {
            return "the database's narrowest block, " + what + ", names no network, owner or abuse contact";
        }
        return null;
    }
}
