package io.github.netblock.loader.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link ServerGate} per server, made on first use with the limits of its kind: RDAP servers
 * ({@code --rdap-rate}, {@code --rdap-concurrency}) and WHOIS servers ({@code --whois-rate},
 * {@code --whois-concurrency}). The defaults are what registries tolerate from one client: RIPE blocks
 * heavy queriers for the day, ARIN and others answer 429 beyond a few queries a second.
 */
public final class Politeness {
    /** The limits of one kind of server. */
    public record Limits(double perSecond, int concurrency, int deadAfter) {}

    public static final Limits RDAP_DEFAULT = new Limits(2, 2, 3);
    public static final Limits WHOIS_DEFAULT = new Limits(1, 1, 3);

    private final Limits rdap;
    private final Limits whois;
    private final Map<String, ServerGate> gates = new ConcurrentHashMap<>();

    Politeness(Limits rdap, Limits whois) {
        this.rdap = rdap;
        this.whois = whois;
    }

    ServerGate rdap(String server) {
        return gates.computeIfAbsent("rdap " + server, k -> new ServerGate(k, rdap.perSecond(), rdap.concurrency(), rdap.deadAfter()));
    }

    ServerGate whois(String server) {
        return gates.computeIfAbsent("whois " + server, k -> new ServerGate(k, whois.perSecond(), whois.concurrency(), whois.deadAfter()));
    }

    /** Every server asked, for the summary. */
    List<ServerGate.Stats> stats() {
        List<ServerGate.Stats> s = new ArrayList<>();
        gates.values().forEach(g -> s.add(g.stats()));
        s.sort((a, b) -> a.server().compareTo(b.server()));
        return s;
    }
}
