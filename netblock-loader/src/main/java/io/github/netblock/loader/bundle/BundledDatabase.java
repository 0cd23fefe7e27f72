package io.github.netblock.loader.bundle;

import io.github.netblock.index.builder.BuildReport;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.loader.config.FeedFormat;
import io.github.netblock.loader.pipeline.BuildPlan;
import io.github.netblock.loader.pipeline.DatabasePipeline;
import io.github.netblock.loader.pipeline.Feeds;
import io.github.netblock.loader.progress.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Builds the default database the plugin bundles, from the open data committed under
 * {@code ingest-plugin/bundled-database/src/data}: IANA's special-purpose blocks, and ip-location-db's
 * IP-to-ASN and IP-to-country ranges as the routing and location views. Every routed public address
 * then has an AS number and organisation and a country (no netblock: those ranges are no WHOIS
 * objects); private and documentation space is named.
 * It runs the loader's pipeline on a plan of its own: the sources carry the data's date, not the
 * files' (a checkout sets those), and no bad row is tolerated in committed data.
 *
 * <pre>BundledDatabase DATA_DIR OUTPUT_FILE DATA_DATE(yyyy-mm-dd)</pre>
 */
public final class BundledDatabase {
    public static final String SOURCE_IANA = "iana-special-purpose";
    public static final String SOURCE_ASN = "ip-location-db-asn";
    public static final String SOURCE_COUNTRY = "ip-location-db-geo-whois-asn-country";
    private static final String DESCRIPTION = "bundled default database: IANA special-purpose registries, ip-location-db ASN and "
            + "country (CC BY 4.0: RouteViews, DB-IP, NRO)";
    private static final long NO_BAD_ROWS = 0;

    private BundledDatabase() {}

    static BuildPlan plan(Path dataDir, LocalDate dataDate) {
        Instant date = dataDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        String serial = dataDate.toString();
        Path ipdb = dataDir.resolve("ip-location-db");
        Path iana = dataDir.resolve("iana");
        // IANA's registries carry no serial or date of their own
        return new BuildPlan(DESCRIPTION, date, List.of(
                new BuildPlan.Input(new SourceInfo(SOURCE_IANA, "iana-special-registry-csv", null, null, 0),
                        Feeds.open(SOURCE_IANA, FeedFormat.IANA_SPECIAL,
                                List.of(iana.resolve("iana-ipv4-special-registry.csv"), iana.resolve("iana-ipv6-special-registry.csv")),
                                NO_BAD_ROWS)),
                new BuildPlan.Input(new SourceInfo(SOURCE_ASN, "range-csv", serial, date, 0),
                        Feeds.open(SOURCE_ASN, FeedFormat.ASN_CSV,
                                List.of(ipdb.resolve("asn-ipv4.csv.gz"), ipdb.resolve("asn-ipv6.csv.gz")), NO_BAD_ROWS)),
                new BuildPlan.Input(new SourceInfo(SOURCE_COUNTRY, "range-csv", serial, date, 0),
                        Feeds.open(SOURCE_COUNTRY, FeedFormat.COUNTRY_CSV,
                                List.of(ipdb.resolve("geo-whois-asn-country-ipv4.csv.gz"), ipdb.resolve("geo-whois-asn-country-ipv6.csv.gz")),
                                NO_BAD_ROWS))));
    }

    public static BuildReport build(Path dataDir, Path output, LocalDate dataDate) throws IOException {
        DatabasePipeline pipeline = new DatabasePipeline(new PrintWriter(Writer.nullWriter()), Progress.NONE);
        return pipeline.build(plan(dataDir, dataDate), output).report();
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
