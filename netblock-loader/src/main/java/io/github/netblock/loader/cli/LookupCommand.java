package io.github.netblock.loader.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.netblock.index.ip.InvalidIpException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.read.LookupResult;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.ingest.core.schema.LookupView;
import io.github.netblock.ingest.core.text.Printable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = "The single-IP investigation after an attack: every netblock that contains the IP, narrowest first, "
                + "with owner, country, AS, abuse contact, reverse DNS and registrar, from a local database.")
final class LookupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IP", description = "an IPv4 or IPv6 address")
    String ip;

    @Option(names = "--db", defaultValue = "${env:NETBLOCK_DB:-netblocks.nbdb}", paramLabel = "FILE",
            description = "the .nbdb database (default: $NETBLOCK_DB, else netblocks.nbdb)")
    Path database;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Override
    public Integer call() throws IOException {
        IpAddress address;
        try {
            address = IpAddress.parse(ip);
        } catch (InvalidIpException e) {
            // the argument is part of the command line: a usage error, like a malformed option value
            String reason = e.getMessage().replace("invalid IP address or range [" + e.input() + "]: ", "");
            throw new ParameterException(spec.commandLine(), "IP '" + Printable.value(ip) + "': not an IPv4 or IPv6 address: "
                    + Printable.value(reason));
        }
        NamedPaths.inputFile("--db", database);
        LookupResult r;
        LookupView.View view;
        try (NetblockDatabase db = NetblockDatabase.open(database)) {
            r = db.lookup(address, true);
            view = LookupView.of(db, address);
        }
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            w.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(view.body()));
        } else {
            print(w, r, view.body());
        }
        return view.hit() ? 0 : NetblockLoader.NOT_FOUND;
    }

    private static void print(PrintWriter w, LookupResult r, Map<String, Object> view) {
        w.println(r.address());
        if (r.netblocks().isEmpty()) {
            w.println("  no netblock contains this address");
        }
        for (int i = 0; i < r.netblocks().size(); i++) {
            Netblock b = r.netblocks().get(i);
            w.printf("%s%s  %s%n", "  ".repeat(i + 1), b.range(), b.name() == null ? "" : b.name());
            String pad = "  ".repeat(i + 2);
            line(w, pad, "owner", b.ownerName() == null ? null : b.ownerName() + (b.ownerId() == null ? "" : " (" + b.ownerId() + ")"));
            line(w, pad, "country", b.country());
            line(w, pad, "AS", b.asNumber() == null ? null : "AS" + b.asNumber() + (b.asName() == null ? "" : " " + b.asName()));
            line(w, pad, "abuse", b.abuseEmail());
            line(w, pad, "status", b.status());
            line(w, pad, "registry", b.registry());
            line(w, pad, "description", b.description());
            line(w, pad, "modified", b.lastModified() == null ? null : b.lastModified().toString());
            line(w, pad, "source", b.source());
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

    private static void line(PrintWriter w, String pad, String label, String value) {
        if (value != null) {
            // a description has one line per descr: line; the later ones align under the first
            w.printf("%s%-12s %s%n", pad, label, value.replace("\n", System.lineSeparator() + pad + " ".repeat(13)));
        }
    }

}
