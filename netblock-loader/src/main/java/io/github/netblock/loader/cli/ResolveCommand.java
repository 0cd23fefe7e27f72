package io.github.netblock.loader.cli;

import io.github.netblock.loader.config.LoaderConfig;
import io.github.netblock.loader.resolve.AddressSource;
import io.github.netblock.loader.resolve.ElasticsearchAddresses;
import io.github.netblock.loader.resolve.LogFileAddresses;
import io.github.netblock.loader.resolve.Politeness;
import io.github.netblock.loader.resolve.RdapBootstrap;
import io.github.netblock.loader.resolve.ResolveOptions;
import io.github.netblock.loader.resolve.ResolveRun;
import io.github.netblock.loader.resolve.ResolveSummary;
import io.github.netblock.loader.resolve.Ttls;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "resolve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Resolves the addresses that hit your servers, in the background, into a store that `update` and `build` "
                + "read: the PTR name of each address (forward-confirmed with --confirm), the registrar of each name's registered "
                + "domain (RDAP, then WHOIS), and the RDAP network of each address that no stored network covers. Addresses come "
                + "from a file or access log (--from) or from the distinct source.ip values in Elasticsearch (--es). Answers are "
                + "kept with their time and asked again after --ttl (NXDOMAIN after --negative-ttl, failures after --failure-ttl).",
                "",
                "The store is CACHE/resolve/ of the configuration (its cache: setting), merged across runs: addresses.csv, "
                + "domains.csv and rdap-misses.csv hold what was asked; rdns.csv (format rdns-csv), registrars.csv (registrar-csv) "
                + "and rdap-networks.jsonl (rdap-json) are the feeds the default configuration reads (optional: true). Every server "
                + "is asked within a rate and a concurrency limit, a 429's Retry-After is honoured, a dead server is reported and "
                + "skipped, and nothing starts after --deadline."})
final class ResolveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--from", paramLabel = "FILE", description = "addresses, one a line, or an nginx/Apache access log; - for standard input")
    String from;

    @Option(names = "--es", paramLabel = "URL", description = "Elasticsearch, e.g. https://127.0.0.1:9200: the distinct --field values of --index")
    String es;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--index", paramLabel = "PATTERN", description = "indices to read with --es, e.g. netblock-attacks-*")
    String index;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "24h",
            description = "with --es: documents of the last DURATION (s, m, h, d), 0 for all (default: ${DEFAULT-VALUE})")
    String since;

    @Option(names = "--field", paramLabel = "FIELD", defaultValue = "source.ip", description = "the ip field (default: ${DEFAULT-VALUE})")
    String field;

    @Option(names = "--time-field", paramLabel = "FIELD", defaultValue = "@timestamp", description = "the time field of --since (default: ${DEFAULT-VALUE})")
    String timeField;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "1000", description = "addresses per Elasticsearch page (default: ${DEFAULT-VALUE})")
    int pageSize;

    @Option(names = "--store", paramLabel = "DIR", description = "the store folder (default: CACHE/resolve of the configuration)")
    Path store;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "7d", description = "ask an answered address again after (default: ${DEFAULT-VALUE})")
    String ttl;

    @Option(names = "--negative-ttl", paramLabel = "DURATION", defaultValue = "1d",
            description = "after NXDOMAIN, no PTR, no such domain or network (default: ${DEFAULT-VALUE})")
    String negativeTtl;

    @Option(names = "--failure-ttl", paramLabel = "DURATION", defaultValue = "1h",
            description = "after SERVFAIL, a timeout, a server that failed (default: ${DEFAULT-VALUE})")
    String failureTtl;

    @Mixin
    ResolverOptions servers;

    @Option(names = "--dns-timeout", paramLabel = "DURATION", defaultValue = "3s", description = "per DNS attempt (default: ${DEFAULT-VALUE})")
    String dnsTimeout;

    @Option(names = "--dns-retries", paramLabel = "N", defaultValue = "2", description = "DNS attempts after a timeout (default: ${DEFAULT-VALUE})")
    int dnsRetries;

    @Option(names = "--in-flight", paramLabel = "N", defaultValue = "64", description = "addresses resolved at once (default: ${DEFAULT-VALUE})")
    int inFlight;

    @Option(names = "--dns-rate", paramLabel = "N", defaultValue = "0",
            description = "addresses whose PTR lookup starts per second (retries and --confirm queries not counted), 0 for no limit beyond --in-flight (default: ${DEFAULT-VALUE})")
    double dnsRate;

    @Option(names = "--confirm", description = "forward-confirm each PTR name (its A/AAAA must contain the address) and record whether it does")
    boolean confirm;

    @Option(names = "--no-registrars", description = "do not look up registrars")
    boolean noRegistrars;

    @Option(names = "--no-networks", description = "do not look up RDAP networks")
    boolean noNetworks;

    @Option(names = "--no-whois", description = "RDAP only: no WHOIS fallback for registrars")
    boolean noWhois;

    @Option(names = "--rdap-rate", paramLabel = "N", defaultValue = "2", description = "queries per second to each RDAP server (default: ${DEFAULT-VALUE})")
    double rdapRate;

    @Option(names = "--rdap-concurrency", paramLabel = "N", defaultValue = "2", description = "queries in flight to each RDAP server (default: ${DEFAULT-VALUE})")
    int rdapConcurrency;

    @Option(names = "--whois-rate", paramLabel = "N", defaultValue = "1", description = "queries per second to each WHOIS server (default: ${DEFAULT-VALUE})")
    double whoisRate;

    @Option(names = "--whois-concurrency", paramLabel = "N", defaultValue = "1", description = "connections to each WHOIS server (default: ${DEFAULT-VALUE})")
    int whoisConcurrency;

    @Option(names = "--http-timeout", paramLabel = "DURATION", defaultValue = "15s",
            description = "per RDAP request, WHOIS connection and Elasticsearch page (default: ${DEFAULT-VALUE})")
    String httpTimeout;

    @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "1h",
            description = "the whole run: nothing is asked after it, the rest waits for the next run (default: ${DEFAULT-VALUE})")
    String deadline;

    @Option(names = "--refresh-bootstrap", description = "download IANA's RDAP bootstrap files into the store first (alone: only that)")
    boolean refreshBootstrap;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() throws IOException, InterruptedException {
        // the command line first (exit 2), then the named inputs (exit 3), then the work
        if (from != null && es != null) {
            throw usage("--from and --es: give one source of addresses, not both");
        }
        if (from == null && es == null && !refreshBootstrap) {
            throw usage("give the addresses: --from FILE (an address list or access log, - for standard input) or --es URL --index PATTERN");
        }
        if (es != null && index == null) {
            throw usage("--es needs --index PATTERN, e.g. --index 'netblock-attacks-*'");
        }
        if (es == null && index != null) {
            throw usage("--index is read with --es");
        }
        positive("--in-flight", inFlight);
        positive("--page-size", pageSize);
        positive("--rdap-concurrency", rdapConcurrency);
        positive("--whois-concurrency", whoisConcurrency);
        if (dnsRetries < 0) {
            throw usage("--dns-retries " + dnsRetries + ": must be 0 or more");
        }
        if (rdapRate <= 0 || whoisRate <= 0 || dnsRate < 0) {
            throw usage("--rdap-rate and --whois-rate must be more than 0, --dns-rate 0 or more");
        }
        Ttls ttls = new Ttls(duration("--ttl", ttl, false), duration("--negative-ttl", negativeTtl, false), duration("--failure-ttl", failureTtl, false));
        Duration dnsWait = duration("--dns-timeout", dnsTimeout, false);
        Duration httpWait = duration("--http-timeout", httpTimeout, false);
        Duration runDeadline = duration("--deadline", deadline, false);
        Duration sinceDuration = duration("--since", since, true);
        List<InetSocketAddress> dns = servers.dnsServers();
        URI bootstrapBase = servers.bootstrapBase() == null ? RdapBootstrap.IANA : servers.bootstrapBase();

        LoaderConfig c = config.read();
        Path dir = store != null ? store : c.cacheDir(config.baseDir()).resolve("resolve");
        AddressSource source;
        if (from != null) {
            source = new LogFileAddresses(from.equals("-") ? null : NamedPaths.inputFile("--from", Path.of(from)), System.in);
        } else if (es != null) {
            source = new ElasticsearchAddresses(connection.to("--es", es), index, field, timeField,
                    sinceDuration.isZero() ? null : "now-" + sinceDuration.toSeconds() + "s", pageSize, httpWait);
        } else {
            source = null;
        }
        PrintWriter log = quiet.log();
        if (refreshBootstrap) {
            RdapBootstrap b = RdapBootstrap.refresh(bootstrapBase, dir.resolve("bootstrap"), httpWait);
            log.printf("RDAP bootstrap refreshed from %s: %,d top-level domains, %,d address blocks, in %s%n", bootstrapBase, b.domainCount(),
                    b.prefixCount(), dir.resolve("bootstrap"));
            log.flush();
            if (source == null) {
                return 0;
            }
        }
        ResolveOptions options = ResolveOptions.defaults(dir)
                .withTtls(ttls)
                .withDns(dns, dnsWait, dnsRetries, inFlight, dnsRate)
                .withLookups(confirm, !noRegistrars, !noNetworks)
                .withPoliteness(new Politeness.Limits(rdapRate, rdapConcurrency, 3), new Politeness.Limits(whoisRate, whoisConcurrency, 3), httpWait,
                        runDeadline)
                .withWhois(noWhois ? null : servers.whoisServer, ResolveOptions.defaults(dir).whoisAddresses());
        ResolveSummary summary = new ResolveRun(options, quiet.progress(), w -> quiet.warn(List.of(w))).run(source);
        summary.print(log);
        if (summary.asked() > 0 && summary.answered() + summary.nxdomain() == 0) {
            throw new IOException("no DNS server answered any of " + summary.asked() + " queries (" + summary.dnsServers()
                    + "); is --dns-server right? the store was kept as it was, with the failures");
        }
        return 0;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private void positive(String option, long value) {
        if (value <= 0) {
            throw usage(option + " " + value + ": must be 1 or more");
        }
    }

    /** 7d, 24h, 30m, 10s, 500ms; 0 only where {@code zero} is allowed. */
    private Duration duration(String option, String text, boolean zero) {
        return Durations.parse(spec, option, text, zero);
    }
}
