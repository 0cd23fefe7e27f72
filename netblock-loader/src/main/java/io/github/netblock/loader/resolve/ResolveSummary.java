package io.github.netblock.loader.resolve;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a run did, printed at its end.
 *
 * @param source       where the addresses came from
 * @param inputs       addresses read, with repeats
 * @param badInputs    lines or values that were no address
 * @param addresses    distinct addresses
 * @param fresh        addresses whose stored answer was younger than its TTL (not asked)
 * @param asked        addresses asked
 * @param answered     ... with a PTR name
 * @param nxdomain     ... NXDOMAIN or no PTR record
 * @param failed       ... SERVFAIL, timeout, error
 * @param confirmed    names whose A/AAAA contain the address (with --confirm)
 * @param unconfirmed  names whose A/AAAA do not
 * @param deferred     addresses not asked (left for the next run), by cause: the deadline, or the DNS servers DEAD
 * @param dnsServers   the resolvers asked
 * @param dnsDead      why they were given up on during the run, or null
 * @param dnsSeconds   how long the DNS pass took
 * @param stored       addresses in the store after the run
 * @param names        of which with a PTR name (rows of rdns.csv)
 * @param registrars   registrar lookups
 * @param domainsKnown domains with a known registrar in the store (rows of registrars.csv)
 * @param networks     network lookups
 * @param networksStored networks in rdap-networks.jsonl
 * @param servers      every RDAP and WHOIS server asked
 * @param storeWarnings store lines that could not be read
 * @param elapsed      the whole run
 */
public record ResolveSummary(String source, long inputs, long badInputs, long addresses, long fresh, long asked, long answered, long nxdomain,
                             long failed, long confirmed, long unconfirmed, Map<String, Long> deferred, String dnsServers, String dnsDead,
                             double dnsSeconds, long stored, long names, RegistrarLookups.Counts registrars, long domainsKnown,
                             NetworkFinder.Counts networks, long networksStored,
                             List<ServerGate.Stats> servers, long storeWarnings, Duration elapsed) {

    /** Addresses left for the next run, whatever the cause. */
    public long deferredTotal() {
        return deferred.values().stream().mapToLong(Long::longValue).sum();
    }

    /** "{@code ; 12 left for the next run (deadline)}", "" when none was left. */
    private static String left(String separator, Map<String, Long> byCause) {
        String text = Deferrals.text(byCause);
        return text == null ? "" : separator + text;
    }

    public void print(PrintWriter out) {
        out.printf("addresses: %,d distinct from %,d read (%s)%s%n", addresses, inputs, source,
                badInputs > 0 ? String.format(", %,d lines were no address", badInputs) : "");
        out.printf("reverse DNS: %,d asked, %,d answered, %,d NXDOMAIN or no PTR, %,d failed; %,d still fresh in the store (not asked)%s%n",
                asked, answered, nxdomain, failed, fresh, left("; ", deferred));
        if (confirmed + unconfirmed > 0) {
            out.printf("forward-confirmed: %,d of %,d names (%,d do not resolve back to their address)%n", confirmed, confirmed + unconfirmed, unconfirmed);
        }
        out.printf("DNS %s: %,d queries, %.0f addresses/s%s%n", dnsServers, asked, dnsSeconds > 0 ? asked / dnsSeconds : 0.0,
                dnsDead == null ? "" : "; DEAD: " + dnsDead);
        if (registrars != null) {
            out.printf("registrars: %,d domains, %,d asked, %,d found (%,d by WHOIS), %,d no registrar or no such domain, %,d failed%s%n",
                    registrars.domains(), registrars.asked(), registrars.found(), registrars.viaWhois(), registrars.notFound(), registrars.failed(),
                    left(", ", registrars.deferred()));
            registrars.failures().forEach(f -> out.println("  registrar failed: " + f));
        }
        if (networks != null) {
            out.printf("networks: %,d asked, %,d found, %,d not found, %,d failed, %,d addresses inside known networks%s%n",
                    networks.asked(), networks.found(), networks.notFound(), networks.failed(), networks.known(),
                    left(", ", networks.deferred()));
            networks.failures().forEach(f -> out.println("  network failed: " + f));
        }
        for (ServerGate.Stats s : servers) {
            out.printf("  %s: %,d queries (%.1f/s), %,d answered, %,d failed%s%s%s%n", s.server(), s.queries(), s.perSecond(), s.answered(), s.failed(),
                    s.throttled() > 0 ? String.format(", %,d times HTTP 429", s.throttled()) : "",
                    s.skipped() > 0 ? String.format(", %,d not asked", s.skipped()) : "",
                    s.deadReason() == null ? "" : "; DEAD: " + s.deadReason());
        }
        out.printf("store: %,d addresses (%,d with a name), %,d domains with a registrar, %,d networks%s; %.1f s%n", stored, names, domainsKnown,
                networksStored, storeWarnings > 0 ? String.format(", %,d unreadable store lines dropped", storeWarnings) : "", elapsed.toMillis() / 1000.0);
        out.flush();
    }
}
