package io.github.netblock.loader.resolve;

import io.github.netblock.index.ip.IpAddress;
import java.time.Instant;

/**
 * What the store knows of one address's reverse DNS.
 *
 * @param address   the address
 * @param status    the outcome of the last query
 * @param name      the PTR name last answered (kept through a failed query, dropped by a negative answer), or null
 * @param confirmed whether the name's A/AAAA records contain the address; null when not checked
 * @param firstSeen when {@code name} was first answered for the address
 * @param lastSeen  when it was last answered
 * @param checked   when the address was last asked
 */
public record AddressRecord(IpAddress address, PtrAnswer.Status status, String name, Boolean confirmed, Instant firstSeen, Instant lastSeen,
                            Instant checked) {

    /** Whether the last answer is still good at {@code now}. */
    public boolean fresh(Ttls ttls, Instant now) {
        return ttls.fresh(status.kind(), checked, now);
    }

    /** The record after a new answer at {@code now}. */
    static AddressRecord after(AddressRecord old, IpAddress address, PtrAnswer answer, Instant now) {
        return switch (answer.status()) {
            case ANSWERED -> {
                boolean same = old != null && answer.name().equals(old.name());
                yield new AddressRecord(address, answer.status(), answer.name(), answer.confirmed(),
                        same && old.firstSeen() != null ? old.firstSeen() : now, now, now);
            }
            case NXDOMAIN, NODATA -> new AddressRecord(address, answer.status(), null, null, null, null, now);
            // a failure says nothing new of the name: the last one stays, asked again sooner
            default -> old == null ? new AddressRecord(address, answer.status(), null, null, null, null, now)
                    : new AddressRecord(address, answer.status(), old.name(), old.confirmed(), old.firstSeen(), old.lastSeen(), now);
        };
    }
}
