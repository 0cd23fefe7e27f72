package io.github.netblock.index.model;

import io.github.netblock.index.ip.IpAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A PTR record seen for one address.
 *
 * @param ip               the address
 * @param name             the PTR name, e.g. {@code scanner-7.example.net}
 * @param firstSeen        when the name was first observed (null when unknown)
 * @param lastSeen         when the name was last observed (null when unknown)
 * @param registeredDomain the name's registered domain by the Public Suffix List (ICANN section),
 *                         e.g. {@code example.net}; computed by the loader, null when none
 * @param topLevelDomain   the public suffix, e.g. {@code net} or {@code co.uk}; null when none
 */
public record ReverseDnsEntry(
        IpAddress ip, String name, Instant firstSeen, Instant lastSeen, String registeredDomain, String topLevelDomain) {

    public ReverseDnsEntry {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(name, "name");
    }
}
