package io.github.netblock.loader.feed.dns;

import com.google.common.net.InternetDomainName;
import java.util.Locale;

/**
 * Registered domain and public suffix of a host name by the Public Suffix List, ICANN section only
 * (Guava's {@code InternetDomainName} registry-suffix methods): {@code scanner7.scan.example.co.uk}
 * has registered domain {@code example.co.uk} and suffix {@code co.uk}; a private-section suffix
 * such as a hosting provider's does not count.
 */
public final class RegisteredDomains {
    private RegisteredDomains() {}

    /** A host name's registered domain and public suffix; both null when it has none. */
    public record Split(String name, String registeredDomain, String topLevelDomain) {}

    /** Lower case, without a trailing dot; null for reverse-zone names and text that is not a host name. */
    public static String normalize(String host) {
        if (host == null) {
            return null;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || h.endsWith(".in-addr.arpa") || h.endsWith(".ip6.arpa") || !InternetDomainName.isValid(h)) {
            return null;
        }
        return h;
    }

    public static Split split(String host) {
        String h = normalize(host);
        if (h == null) {
            return null;
        }
        InternetDomainName d = InternetDomainName.from(h);
        if (!d.isUnderRegistrySuffix()) {
            return new Split(h, null, d.hasRegistrySuffix() ? d.registrySuffix().toString() : null);
        }
        return new Split(h, d.topDomainUnderRegistrySuffix().toString(), d.registrySuffix().toString());
    }
}
