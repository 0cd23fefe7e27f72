package io.github.netblock.index.model;

import java.util.Locale;
import java.util.Objects;

/**
 * The registrar of a registered domain.
 *
 * @param domain  registered domain, stored lower case, e.g. {@code example.net}
 * @param name    registrar name, e.g. {@code MarkMonitor Inc.}
 * @param ianaId  IANA registrar id, e.g. 292; null when unknown
 */
public record RegistrarEntry(String domain, String name, Long ianaId) {

    public RegistrarEntry {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(name, "name");
        domain = domain.toLowerCase(Locale.ROOT);
    }
}
