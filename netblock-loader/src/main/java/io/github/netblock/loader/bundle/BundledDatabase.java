package io.github.netblock.loader.bundle;

import io.github.netblock.index.builder.BuildReport;
import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.ip.IpFamily;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.loader.feed.ParseErrors;
import io.github.netblock.loader.feed.csv.RangeCsvParser;
import io.github.netblock.loader.feed.iana.IanaSpecialRegistryParser;
import io.github.netblock.loader.merge.RangeOverlay;
import io.github.netblock.loader.merge.RangeOverlay.Layered;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the default database the plugin bundles, from the open data committed under
 * {@code ingest-plugin/src/data}: IANA's special-purpose blocks (strongest), then ip-location-db
 * IP-to-ASN ranges overlaid with its IP-to-country ranges. Every public address then has an AS
 * number, an owner (the AS organisation) and a country; private and documentation space is named.
 *
 * <pre>BundledDatabase DATA_DIR OUTPUT_FILE DATA_DATE(yyyy-mm-dd)</pre>
 */
public final class BundledDatabase {
    public static final String SOURCE_IANA = "iana-special-purpose";
    public static final String SOURCE_ASN = "ip-location-db-asn";
    public static final String SOURCE_COUNTRY = "ip-location-db-geo-whois-asn-country";

    private BundledDatabase() {}

    /** The AS of a range: number and organisation. */
    record As(long number, String organization) {}

    public static BuildReport build(Path dataDir, Path output, LocalDate dataDate) throws IOException {
        Instant date = dataDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        String serial = dataDate.toString();
        Path ipdb = dataDir.resolve("ip-location-db");
        Path iana = dataDir.resolve("iana");

        List<Netblock> special = new ArrayList<>(IanaSpecialRegistryParser.parse(iana.resolve("iana-ipv4-special-registry.csv"), SOURCE_IANA));
        special.addAll(IanaSpecialRegistryParser.parse(iana.resolve("iana-ipv6-special-registry.csv"), SOURCE_IANA));

        NetblockDatabaseBuilder builder = new NetblockDatabaseBuilder()
                .description("bundled default database: IANA special-purpose registries, ip-location-db ASN and country (CC BY 4.0: RouteViews, DB-IP, NRO)")
                .dataDate(date)
                .addSource(new SourceInfo(SOURCE_IANA, "iana-special-registry-csv", null, null, 0), true)
                .addSource(new SourceInfo(SOURCE_ASN, "range-csv", serial, date, 0))
                .addSource(new SourceInfo(SOURCE_COUNTRY, "range-csv", serial, date, 0));
        special.forEach(builder::add);

        for (IpFamily family : IpFamily.values()) {
            String v = family == IpFamily.IPV4 ? "ipv4" : "ipv6";
            List<Layered<As>> asn = new ArrayList<>();
            ParseErrors asnErrors = new ParseErrors(SOURCE_ASN, 0);
            RangeCsvParser.parse(ipdb.resolve("asn-" + v + ".csv.gz"), family, asnErrors, row -> {
                String number = row.value(0);
                asn.add(new Layered<>(row.range(), new As(number == null ? -1 : Long.parseLong(number), row.value(1))));
            });
            List<Layered<String>> country = new ArrayList<>();
            ParseErrors countryErrors = new ParseErrors(SOURCE_COUNTRY, 0);
            RangeCsvParser.parse(ipdb.resolve("geo-whois-asn-country-" + v + ".csv.gz"), family, countryErrors,
                    row -> country.add(new Layered<>(row.range(), row.value(0))));
            for (RangeOverlay.Piece<As, String> p : RangeOverlay.overlay(asn, country, (layer, range) -> {})) {
                As as = p.a();
                Netblock.Builder b = Netblock.builder(p.range()).country(p.b());
                if (as != null && as.number() >= 0) {
                    b.asNumber(as.number()).asName(as.organization()).ownerName(as.organization())
                            .ownerId("AS" + as.number()).source(SOURCE_ASN);
                } else {
                    b.source(SOURCE_COUNTRY);
                }
                builder.add(b.build());
            }
        }
        return builder.build(output);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: BundledDatabase DATA_DIR OUTPUT_FILE DATA_DATE(yyyy-mm-dd)");
            System.exit(64);
        }
        BuildReport r = build(Path.of(args[0]), Path.of(args[1]), LocalDate.parse(args[2]));
        var c = r.metadata().counts();
        System.out.printf("bundled database %s: %,d IPv4 + %,d IPv6 blocks, %,d bytes, built in %d ms%n",
                r.file(), c.v4Blocks(), c.v6Blocks(), r.metadata().fileLength(), r.elapsed().toMillis());
    }
}
