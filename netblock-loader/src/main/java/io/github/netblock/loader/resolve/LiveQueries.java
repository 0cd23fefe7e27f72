package io.github.netblock.loader.resolve;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.feed.rdap.RdapNetworkParser;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The queries {@code resolve} makes, for one address at a time and answered at once ({@code lookup
 * --live}): the same PTR resolver (dnsjava, UDP then TCP after truncation, one retry), registrar
 * finder (RDAP by the bootstrap, then WHOIS through IANA's referral) and RDAP client (redirects, 429,
 * a dead server given up on), under the same per-server limits, without a store. Every call returns
 * within its {@code timeout}-bounded queries; none starts after the deadline it is given.
 */
public final class LiveQueries implements AutoCloseable {
    /** The source name of the blocks of a live RDAP answer. */
    public static final String RDAP_SOURCE = "rdap (live)";
    private static final int DNS_RETRIES = 1;

    private final PtrResolver dns;
    private final RdapBootstrap bootstrap;
    private final RdapClient rdap;
    private final RegistrarFinder registrars;
    private final Duration timeout;

    /**
     * @param dnsServers     resolvers to ask; empty for the system's configuration
     * @param timeout        per DNS attempt, RDAP request and WHOIS connection
     * @param ianaWhois      IANA's WHOIS server (whois.iana.org; HOST:PORT for another port), null for RDAP only
     * @throws UnknownHostException when no DNS server is given and the system has none configured
     */
    public LiveQueries(List<InetSocketAddress> dnsServers, Duration timeout, RdapBootstrap bootstrap, String ianaWhois) throws UnknownHostException {
        this.dns = new PtrResolver(dnsServers, timeout, DNS_RETRIES, 4, 0);
        this.bootstrap = bootstrap;
        Politeness politeness = new Politeness(Politeness.RDAP_DEFAULT, Politeness.WHOIS_DEFAULT);
        this.rdap = new RdapClient(politeness, timeout);
        this.registrars = new RegistrarFinder(bootstrap, rdap, new WhoisQuery(politeness, WhoisQuery::port43, timeout), ianaWhois);
        this.timeout = timeout;
    }

    /** The resolvers asked: "192.0.2.53:53, ...". */
    public String dnsServers() {
        return dns.servers();
    }

    /** The address's PTR name (not confirmed: see {@link #confirm}). */
    public PtrAnswer ptr(IpAddress address, long deadlineNanos) throws InterruptedException {
        CompletableFuture<PtrAnswer> f = dns.resolve(address, false, deadlineNanos);
        if (f == null) {
            return PtrAnswer.failed(PtrAnswer.Status.TIMEOUT, "not asked: the time for the live answers was up");
        }
        return await(f, deadlineNanos);
    }

    /** {@code ptr} with {@code confirmed} set: whether the name's A/AAAA records contain the address (null when that query failed). */
    public PtrAnswer confirm(PtrAnswer ptr, IpAddress address, long deadlineNanos) throws InterruptedException {
        if (ptr.status() != PtrAnswer.Status.ANSWERED) {
            return ptr;
        }
        PtrAnswer a = await(dns.confirm(ptr, address), deadlineNanos);
        return a.status() == PtrAnswer.Status.ANSWERED ? a : new PtrAnswer(ptr.status(), ptr.name(), null, "forward query: " + a.detail());
    }

    /** The registrar of a registered domain: RDAP, then WHOIS. */
    public RegistrarAnswer registrar(String registeredDomain, long deadlineNanos) throws InterruptedException {
        try {
            return registrars.find(registeredDomain, deadlineNanos);
        } catch (NotAskedException e) {
            return RegistrarAnswer.failed(e.getMessage());
        }
    }

    /** What a registry said of the network that holds an address. */
    public record NetworkAnswer(Outcome outcome, List<Netblock> blocks, URI uri, String detail) {
        /** The RDAP network, then its parent where the registry gives the parent's range (a range parentHandle, an up link to a prefix). */
        public Netblock network() {
            return blocks.isEmpty() ? null : blocks.get(0);
        }
    }

    public enum Outcome {
        FOUND,
        /** the registry answered 404 */
        NOT_FOUND,
        /** no registry holds the address: it is in no entry of the IANA bootstrap (private, loopback, ...) */
        NO_REGISTRY,
        /** no answer: refused, timed out, 5xx, rate-limited, not an ip network object */
        FAILED
    }

    /** The RDAP network of an address from the registry the bootstrap names (redirects followed). */
    public NetworkAnswer network(IpAddress address, long deadlineNanos) throws InterruptedException {
        IpAddress a = address.unmapped();
        List<URI> servers = bootstrap.forAddress(a);
        if (servers.isEmpty()) {
            return new NetworkAnswer(Outcome.NO_REGISTRY, List.of(), null, "no registry holds " + a + " (it is in no entry of the RDAP bootstrap, "
                    + bootstrap.origin() + ")");
        }
        RdapClient.Result r = rdap.get(servers.get(0).resolve("ip/" + a), deadlineNanos);
        return switch (r.outcome()) {
            case NOT_FOUND -> new NetworkAnswer(Outcome.NOT_FOUND, List.of(), r.uri(), "the registry holds no network of " + a + " (" + r.detail() + ")");
            case FAILED, NOT_ASKED -> new NetworkAnswer(Outcome.FAILED, List.of(), r.uri(), r.detail());
            case FOUND -> {
                try {
                    yield new NetworkAnswer(Outcome.FOUND, RdapNetworkParser.blocks(r.body(), RDAP_SOURCE), r.uri(), null);
                } catch (IllegalArgumentException e) {
                    yield new NetworkAnswer(Outcome.FAILED, List.of(), r.uri(), "not an ip network object: " + e.getMessage());
                }
            }
        };
    }

    /**
     * The answer of a query already bounded by its timeouts. dnsjava notices a timeout on its
     * selector's rounds (about a second late), so the wait is the deadline plus the query's
     * attempts; past that it is a timeout.
     */
    private PtrAnswer await(CompletableFuture<PtrAnswer> f, long deadlineNanos) throws InterruptedException {
        long wait = Math.max(0, deadlineNanos - System.nanoTime()) + timeout.multipliedBy(DNS_RETRIES + 1).toNanos() + TimeUnit.SECONDS.toNanos(2);
        try {
            return f.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return PtrAnswer.failed(PtrAnswer.Status.TIMEOUT, "no answer");
        } catch (ExecutionException e) {
            return PtrAnswer.failed(PtrAnswer.Status.ERROR, ConnectionErrors.describe(e.getCause(), dns.servers()));
        }
    }

    @Override
    public void close() {
        dns.close();
    }
}
