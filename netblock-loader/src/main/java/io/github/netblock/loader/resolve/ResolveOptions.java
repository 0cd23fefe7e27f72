package io.github.netblock.loader.resolve;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Everything a {@link ResolveRun} is told.
 *
 * @param store          the store folder ({@code CACHE/resolve})
 * @param ttls           how long answers stay good
 * @param dnsServers     resolvers to ask; empty for the system's configuration
 * @param dnsTimeout     per DNS attempt
 * @param dnsRetries     further attempts after a timeout or network error
 * @param dnsInFlight    addresses resolved at once
 * @param dnsRate        addresses whose PTR lookup starts per second (retries and confirmations not counted), 0 for no limit beyond {@code dnsInFlight}
 * @param confirm        also ask the PTR name's A/AAAA and record whether they contain the address
 * @param registrars     look up the registrar of each PTR name's registered domain
 * @param networks       look up the RDAP network of each address no stored network covers
 * @param rdap           limits per RDAP server
 * @param whois          limits per WHOIS server
 * @param httpTimeout    per RDAP request and WHOIS connection/read
 * @param ianaWhois      IANA's WHOIS server for the fallback, null for no WHOIS
 * @param whoisAddresses where a WHOIS server name is reached (port 43, or a test's port)
 * @param deadline       the whole run; queries not started by then are left for the next run
 * @param memoryAddresses addresses sorted in memory before spilling to a temp file (16 bytes each)
 * @param clock          the time stored with answers
 */
public record ResolveOptions(Path store, Ttls ttls, List<InetSocketAddress> dnsServers, Duration dnsTimeout, int dnsRetries, int dnsInFlight,
                             double dnsRate, boolean confirm, boolean registrars, boolean networks, Politeness.Limits rdap,
                             Politeness.Limits whois, Duration httpTimeout, String ianaWhois, Function<String, InetSocketAddress> whoisAddresses,
                             Duration deadline, int memoryAddresses, Clock clock) {

    public static final String IANA_WHOIS = "whois.iana.org";

    /** The defaults of the command line, for {@code store}. */
    public static ResolveOptions defaults(Path store) {
        return new ResolveOptions(store, Ttls.DEFAULT, List.of(), Duration.ofSeconds(3), 2, 64, 0, false, true, true,
                Politeness.RDAP_DEFAULT, Politeness.WHOIS_DEFAULT, Duration.ofSeconds(15), IANA_WHOIS, WhoisQuery::port43,
                Duration.ofHours(1), 1 << 18, Clock.systemUTC());
    }

    public ResolveOptions withDns(List<InetSocketAddress> servers, Duration timeout, int retries, int inFlight, double rate) {
        return new ResolveOptions(store, ttls, List.copyOf(servers), timeout, retries, inFlight, rate, confirm, registrars, networks, rdap, whois,
                httpTimeout, ianaWhois, whoisAddresses, deadline, memoryAddresses, clock);
    }

    public ResolveOptions withLookups(boolean confirm, boolean registrars, boolean networks) {
        return new ResolveOptions(store, ttls, dnsServers, dnsTimeout, dnsRetries, dnsInFlight, dnsRate, confirm, registrars, networks, rdap, whois,
                httpTimeout, ianaWhois, whoisAddresses, deadline, memoryAddresses, clock);
    }

    public ResolveOptions withPoliteness(Politeness.Limits rdap, Politeness.Limits whois, Duration httpTimeout, Duration deadline) {
        return new ResolveOptions(store, ttls, dnsServers, dnsTimeout, dnsRetries, dnsInFlight, dnsRate, confirm, registrars, networks, rdap, whois,
                httpTimeout, ianaWhois, whoisAddresses, deadline, memoryAddresses, clock);
    }

    public ResolveOptions withWhois(String ianaWhois, Function<String, InetSocketAddress> whoisAddresses) {
        return new ResolveOptions(store, ttls, dnsServers, dnsTimeout, dnsRetries, dnsInFlight, dnsRate, confirm, registrars, networks, rdap, whois,
                httpTimeout, ianaWhois, whoisAddresses, deadline, memoryAddresses, clock);
    }

    public ResolveOptions withTtls(Ttls ttls) {
        return new ResolveOptions(store, ttls, dnsServers, dnsTimeout, dnsRetries, dnsInFlight, dnsRate, confirm, registrars, networks, rdap, whois,
                httpTimeout, ianaWhois, whoisAddresses, deadline, memoryAddresses, clock);
    }

    public ResolveOptions withClock(Clock clock) {
        return new ResolveOptions(store, ttls, dnsServers, dnsTimeout, dnsRetries, dnsInFlight, dnsRate, confirm, registrars, networks, rdap, whois,
                httpTimeout, ianaWhois, whoisAddresses, deadline, memoryAddresses, clock);
    }

    public ResolveOptions withMemoryAddresses(int n) {
        return new ResolveOptions(store, ttls, dnsServers, dnsTimeout, dnsRetries, dnsInFlight, dnsRate, confirm, registrars, networks, rdap, whois,
                httpTimeout, ianaWhois, whoisAddresses, deadline, n, clock);
    }
}
