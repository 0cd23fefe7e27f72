package io.github.netblock.loader.resolve;

import java.util.Locale;

/**
 * Reading WHOIS answers (RFC 3912 text) for a domain's registrar: {@code refer:} in IANA's answers
 * (the registry's server), {@code Registrar:} and {@code Registrar IANA ID:} in a registry's (Verisign
 * indents them: {@code    Registrar: MarkMonitor Inc.}; older ones say {@code Sponsoring Registrar:};
 * Nominet puts the name on the line after {@code Registrar:} with a {@code [Tag = ...]}), and
 * {@code Registrar WHOIS Server:}, where a thin registry leaves the registrar's details.
 */
final class WhoisRegistrar {
    private WhoisRegistrar() {}

    /** What one answer says. */
    record Parsed(String registrar, Long ianaId, String registrarWhois, boolean noMatch) {}

    /** The {@code refer:} (or {@code whois:}) server of IANA's answer, or null. */
    static String refer(String answer) {
        String whois = null;
        for (String line : answer.split("\r?\n")) {
            String l = line.strip();
            String v = value(l, "refer");
            if (v != null && !v.isEmpty()) {
                return v;
            }
            v = value(l, "whois");
            if (v != null && !v.isEmpty() && whois == null) {
                whois = v;
            }
        }
        return whois;
    }

    static Parsed parse(String answer) {
        String registrar = null;
        Long id = null;
        String server = null;
        boolean noMatch = false;
        String[] lines = answer.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            String lower = l.toLowerCase(Locale.ROOT);
            if (lower.startsWith("no match") || lower.startsWith("not found") || lower.startsWith("no data found")
                    || lower.startsWith("no entries found") || lower.startsWith("domain not found") || lower.startsWith("this domain name has not been registered")) {
                noMatch = true;
            }
            String v;
            if ((v = value(l, "registrar iana id")) != null || (v = value(l, "sponsoring registrar iana id")) != null) {
                id = id == null ? RdapRegistrar.number(v) : id;
            } else if ((v = value(l, "registrar whois server")) != null) {
                server = server == null && !v.isEmpty() ? v : server;
            } else if ((v = value(l, "registrar")) != null || (v = value(l, "sponsoring registrar")) != null || (v = value(l, "registrar name")) != null) {
                if (v.isEmpty() && i + 1 < lines.length && !lines[i + 1].isBlank() && Character.isWhitespace(lines[i + 1].charAt(0))) {
                    v = lines[i + 1].strip(); // Nominet: the name on the next, indented line
                }
                v = v.replaceAll("\\s*\\[Tag = [^]]*]\\s*$", "").strip();
                if (!v.isEmpty() && registrar == null) {
                    registrar = v;
                }
            }
        }
        return new Parsed(registrar, id, server, noMatch && registrar == null);
    }

    /** The value of {@code key:} on a line (case-insensitive), "" when empty, null when the line is another key. */
    private static String value(String line, String key) {
        int colon = line.indexOf(':');
        if (colon < 0 || !line.substring(0, colon).strip().equalsIgnoreCase(key)) {
            return null;
        }
        return line.substring(colon + 1).strip();
    }
}
