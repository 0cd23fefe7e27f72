package io.github.netblock.loader.resolve;

import java.io.IOException;
import java.net.IDN;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registrar of a registered domain: RDAP first (the server for its top-level domain from the
 * IANA bootstrap; the registrar entity's name and IANA id), WHOIS when RDAP has no server for the TLD,
 * fails, or names no registrar: IANA's WHOIS server refers to the registry's ({@code refer:}, asked
 * once per TLD a run), whose answer gives {@code Registrar:} and {@code Registrar IANA ID:}; a thin
 * registry that names only the registrar's WHOIS server is followed there. A registry that says the
 * domain does not exist (RDAP 404, WHOIS "No match") is a negative answer, not a failure.
 */
final class RegistrarFinder {
    private final RdapBootstrap bootstrap;
    private final RdapClient rdap;
    private final WhoisQuery whois;
    private final String ianaWhois;
    private final Map<String, String> referrals = new ConcurrentHashMap<>();

    /** @param ianaWhois IANA's WHOIS server ({@code whois.iana.org}) */
    RegistrarFinder(RdapBootstrap bootstrap, RdapClient rdap, WhoisQuery whois, String ianaWhois) {
        this.bootstrap = bootstrap;
        this.rdap = rdap;
        this.whois = whois;
        this.ianaWhois = ianaWhois;
    }

    /**
     * The registrar, or what the registries said instead.
     *
     * @throws NotAskedException when no server was asked about the domain (each one it would ask is dead
     *                           for the run, or the deadline came first): nothing to store, the next run asks
     */
    RegistrarAnswer find(String domain, long deadlineNanos) throws InterruptedException, NotAskedException {
        String ascii = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        String rdapFailure = null;
        NotAskedException rdapNotAsked = null;
        List<URI> servers = bootstrap.forDomain(ascii);
        if (!servers.isEmpty()) {
            RdapClient.Result r = rdap.get(servers.get(0).resolve("domain/" + ascii), deadlineNanos);
            switch (r.outcome()) {
                case NOT_FOUND -> {
                    return RegistrarAnswer.notFound("rdap", "no such domain (" + r.uri() + ")");
                }
                case FOUND -> {
                    RegistrarAnswer a = RdapRegistrar.parse(r.body());
                    if (a.status() == RegistrarAnswer.Status.FOUND) {
                        return a;
                    }
                    rdapFailure = "RDAP names no registrar";
                }
                case NOT_ASKED -> rdapNotAsked = new NotAskedException(r.deferredBy(), "RDAP " + r.uri() + ": " + r.detail());
                default -> rdapFailure = "RDAP " + r.uri() + ": " + r.detail();
            }
        }
        if (ianaWhois == null) {
            if (rdapNotAsked != null) {
                throw rdapNotAsked;
            }
            return RegistrarAnswer.failed(rdapFailure == null ? "no RDAP server for ." + tld(ascii) + " and WHOIS is off" : rdapFailure);
        }
        String rdapSaid = rdapFailure != null ? rdapFailure + "; " : rdapNotAsked != null ? rdapNotAsked.getMessage() + "; " : "";
        try {
            return whois(ascii, deadlineNanos);
        } catch (NotAskedException e) {
            if (rdapFailure == null) { // RDAP not asked either (or no RDAP server): nothing was asked about the domain
                throw new NotAskedException(rdapNotAsked != null ? rdapNotAsked.deferredBy() : e.deferredBy(), rdapSaid + "WHOIS " + e.getMessage());
            }
            return RegistrarAnswer.failed(rdapSaid + "WHOIS " + e.getMessage());
        } catch (IOException e) {
            return RegistrarAnswer.failed(rdapSaid + "WHOIS " + e.getMessage());
        }
    }

    private RegistrarAnswer whois(String domain, long deadlineNanos) throws IOException, InterruptedException {
        String tld = tld(domain);
        String registry = referrals.get(tld);
        if (registry == null) {
            registry = WhoisRegistrar.refer(whois.ask(ianaWhois, tld, deadlineNanos));
            if (registry == null) {
                return RegistrarAnswer.notFound("whois", ianaWhois + " names no WHOIS server for ." + tld);
            }
            referrals.put(tld, registry);
        }
        WhoisRegistrar.Parsed p = WhoisRegistrar.parse(whois.ask(registry, domain, deadlineNanos));
        if (p.registrar() == null && p.registrarWhois() != null && !p.registrarWhois().equalsIgnoreCase(registry)) {
            WhoisRegistrar.Parsed thick = WhoisRegistrar.parse(whois.ask(p.registrarWhois(), domain, deadlineNanos));
            if (thick.registrar() != null) {
                return RegistrarAnswer.found(thick.registrar(), thick.ianaId() != null ? thick.ianaId() : p.ianaId(), "whois");
            }
        }
        if (p.registrar() != null) {
            return RegistrarAnswer.found(p.registrar(), p.ianaId(), "whois");
        }
        return RegistrarAnswer.notFound("whois", p.noMatch() ? registry + ": no such domain" : registry + " names no registrar");
    }

    private static String tld(String domain) {
        return domain.substring(domain.lastIndexOf('.') + 1);
    }
}
