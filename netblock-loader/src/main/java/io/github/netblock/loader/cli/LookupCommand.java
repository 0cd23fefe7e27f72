package io.github.netblock.loader.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.netblock.index.ip.InvalidIpException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.read.LookupResult;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.ingest.core.schema.LookupView;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.live.DetailedBlock;
import io.github.netblock.loader.live.LiveLookup;
import io.github.netblock.loader.live.LiveReport;
import io.github.netblock.loader.live.NetblockText;
import io.github.netblock.loader.resolve.LiveQueries;
import io.github.netblock.loader.resolve.RdapBootstrap;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lookup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The single-IP investigation after an attack: every netblock that contains the IP, narrowest first, "
                + "with owner, country, AS, abuse contact, reverse DNS and registrar, from a local database.",
                "",
                "With --live, also asked now and marked LIVE (not from the database): the PTR name (DNS), whether the name's A/AAAA "
                + "records lead back to the IP, its registered domain, the registrar (RDAP, then WHOIS) and, when the database has no "
                + "detailed block for the IP (no block, or only a delegated-statistics or IANA-level one), the RDAP network. Every query "
                + "is bounded by --timeout and the live part by 4 x --timeout (plus 2 s); what fails is said, the rest is shown."})
final class LookupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IP", description = "an IPv4 or IPv6 address")
    String ip;

    @Option(names = "--db", defaultValue = "${env:NETBLOCK_DB:-netblocks.nbdb}", paramLabel = "FILE",
            description = "the .nbdb database (default: $NETBLOCK_DB, else netblocks.nbdb)")
    Path database;

    @Option(names = "--json", description = "machine-readable output (the live answers under \"live\")")
    boolean json;

    @Option(names = "--live", description = "also ask DNS, RDAP and WHOIS now (see above)")
    boolean live;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "with --live: per DNS attempt, RDAP request and WHOIS connection (default: ${DEFAULT-VALUE})")
    String timeout;

    @Mixin
    ResolverOptions servers;

    @Option(names = "--store", paramLabel = "DIR", description = "with --live: a resolve store folder whose bootstrap/ (resolve "
            + "--refresh-bootstrap) is used instead of the bundled RDAP bootstrap (with --bootstrap-url: when the download fails)")
    Path store;

    @Override
    public Integer call() throws IOException, InterruptedException {
        IpAddress address;
        try {
            address = IpAddress.parse(ip);
        } catch (InvalidIpException e) {
            // the argument is part of the command line: a usage error, like a malformed option value
            String reason = e.getMessage().replace("invalid IP address or range [" + e.input() + "]: ", "");
            throw new ParameterException(spec.commandLine(), "IP '" + Printable.value(ip) + "': not an IPv4 or IPv6 address: "
                    + Printable.value(reason));
        }
        Duration wait = Durations.parse(spec, "--timeout", timeout, false);
        if (!live && (servers.given() || store != null || spec.commandLine().getParseResult().hasMatchedOption("--timeout"))) {
            throw new ParameterException(spec.commandLine(), "--dns-server, --whois-server, --bootstrap-url, --store and --timeout are read with --live");
        }
        URI bootstrapBase = servers.bootstrapBase();
        var dns = servers.dnsServers();
        NamedPaths.inputFile("--db", database);
        if (store != null) {
            NamedPaths.inputFolder("--store", store);
        }
        LookupResult r;
        LookupView.View view;
        String networkReason;
        try (NetblockDatabase db = NetblockDatabase.open(database)) {
            r = db.lookup(address, true);
            view = LookupView.of(db, address);
            networkReason = DetailedBlock.missing(db, address);
        }
        LiveReport report = null;
        if (live) {
            List<String> notes = new ArrayList<>();
            RdapBootstrap bootstrap = bootstrap(bootstrapBase, wait, notes);
            try (LiveQueries queries = new LiveQueries(dns, wait, bootstrap, servers.whoisServer)) {
                String asked = "DNS " + queries.dnsServers() + ", RDAP by the " + bootstrap.origin() + " bootstrap, WHOIS via " + servers.whoisServer;
                report = new LiveLookup(queries, wait, asked, notes).lookup(address, networkReason);
            }
        }
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>(view.body());
            if (report != null) {
                body.put("live", report.json());
            }
            w.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(body));
        } else {
            print(w, r, view.body());
            if (report != null) {
                report.print(w);
            }
        }
        w.flush();
        return view.hit() || (report != null && report.knowsSomething()) ? 0 : NetblockLoader.NOT_FOUND;
    }

    /**
     * The bootstrap of --bootstrap-url, else the store's copy (--store, where resolve --refresh-bootstrap
     * wrote all three files), else the bundled one; a download that fails falls back, with a note that
     * names the copy used instead.
     */
    private RdapBootstrap bootstrap(URI base, Duration wait, List<String> notes) throws IOException, InterruptedException {
        String failed = null;
        if (base != null) {
            try {
                return RdapBootstrap.download(base, wait);
            } catch (IOException e) {
                failed = e.getMessage();
            }
        }
        RdapBootstrap b = RdapBootstrap.load(store == null ? null : store.resolve("bootstrap"));
        if (failed != null) {
            notes.add("RDAP bootstrap: " + failed + "; " + (b.bundled() ? "the bundled copy is used" : "the copy in " + b.origin() + " is used"));
        }
        return b;
    }

    private static void print(PrintWriter w, LookupResult r, Map<String, Object> view) {
        w.println(r.address());
        if (r.netblocks().isEmpty()) {
            w.println("  no netblock contains this address");
        }
        for (int i = 0; i < r.netblocks().size(); i++) {
            NetblockText.print(w, r.netblocks().get(i), i + 1);
        }
        // what the processor writes as source.as.* and source.geo.country_iso_code (the views, else the blocks)
        if (view.get("as") instanceof Map<?, ?> as) {
            Object org = as.get("organization") instanceof Map<?, ?> o ? o.get("name") : null;
            w.printf("  origin AS    AS%s%s%n", as.get("number"), org == null ? "" : " " + org);
        }
        if (view.get("geo") instanceof Map<?, ?> geo) {
            w.printf("  country      %s%n", geo.get("country_iso_code"));
        }
        if (r.reverseDns() != null) {
            w.printf("  reverse DNS  %s (registered domain %s)%n", r.reverseDns().name(), r.reverseDns().registeredDomain());
        }
        if (r.registrar() != null) {
            w.printf("  registrar    %s%s%n", r.registrar().name(), r.registrar().ianaId() == null ? "" : " (IANA " + r.registrar().ianaId() + ")");
        }
    }
}
