package io.github.netblock.loader.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.maxmind.db.Reader;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.loader.config.FeedFormat;
import io.github.netblock.loader.progress.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code geo-whois-asn-country} CSV files the bundled database is built from, read by the loader
 * alone, against the MaxMind database the publisher built from the same version of the same files
 * ({@code @ip-location-db/geo-whois-asn-country-mmdb@2.3.2026061719}, a test resource): the files
 * overlap (a nested range, a range across the end of another), and both must mean the same thing by
 * them, address by address.
 */
class CountryCsvAgainstPublishedMmdbTest {
    private static final Path CSV = Path.of("../ingest-plugin/bundled-database/src/data/ip-location-db");
    private static final Path MMDB = Path.of("src/test/resources/ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb");
    private static final int RANDOM_V4 = 2_000_000;
    private static final int RANDOM_V6 = 500_000;

    @TempDir
    Path dir;

    private record Row(BigInteger first, BigInteger last, String country) {}

    private static List<Row> rows(Path gz) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",");
                rows.add(new Row(number(IpAddress.parse(f[0])), number(IpAddress.parse(f[1])), f[2]));
            }
        }
        return rows;
    }

    private static BigInteger number(IpAddress a) {
        return new BigInteger(1, a.toBytes());
    }

    private static IpAddress address(BigInteger n, boolean v4) {
        byte[] b = n.toByteArray();
        byte[] out = new byte[v4 ? 4 : 16];
        int copy = Math.min(b.length, out.length);
        System.arraycopy(b, b.length - copy, out, out.length - copy, copy);
        return IpAddress.ofBytes(out);
    }

    /** Where two rows overlap, their first and last addresses and the ones just outside. */
    private static List<IpAddress> overlapEdges(List<Row> rows, boolean v4) {
        List<IpAddress> out = new ArrayList<>();
        BigInteger reach = BigInteger.valueOf(-1);
        Row reacher = null;
        BigInteger max = v4 ? BigInteger.valueOf(0xFFFF_FFFFL) : BigInteger.TWO.pow(128).subtract(BigInteger.ONE);
        for (Row r : rows) {
            if (reacher != null && r.first().compareTo(reach) <= 0) {
                for (Row e : List.of(reacher, r)) {
                    for (BigInteger n : List.of(e.first(), e.last(), e.first().subtract(BigInteger.ONE), e.last().add(BigInteger.ONE))) {
                        if (n.signum() >= 0 && n.compareTo(max) <= 0) {
                            out.add(address(n, v4));
                        }
                    }
                }
            }
            if (r.last().compareTo(reach) > 0) {
                reach = r.last();
                reacher = r;
            }
        }
        return out;
    }

    @Test
    void theCsvFilesAloneAnswerAsThePublishersMmdbOnRandomAddressesAndAtEveryOverlap() throws IOException {
        Path v4File = CSV.resolve("geo-whois-asn-country-ipv4.csv.gz");
        Path v6File = CSV.resolve("geo-whois-asn-country-ipv6.csv.gz");
        Path db = dir.resolve("country.nbdb");
        BuildPlan plan = new BuildPlan("geo-whois-asn-country CSV alone", null, List.of(new BuildPlan.Input(
                new SourceInfo("country", "country-csv", null, null, 0),
                Feeds.open("country", FeedFormat.COUNTRY_CSV, List.of(v4File, v6File), 0))));
        new DatabasePipeline(new PrintWriter(new StringWriter()), Progress.NONE).build(plan, db);

        List<Row> v6Rows = rows(v6File);
        Random random = new Random(20260617);
        List<IpAddress> sample = new ArrayList<>(RANDOM_V4 + RANDOM_V6);
        for (int i = 0; i < RANDOM_V4; i++) {
            sample.add(IpAddress.ofV4(random.nextInt()));
        }
        for (int i = 0; i < RANDOM_V6; i++) { // random IPv6 addresses fall in no range: draw them from random rows
            Row r = v6Rows.get(random.nextInt(v6Rows.size()));
            BigInteger span = r.last().subtract(r.first()).add(BigInteger.ONE);
            BigInteger offset = new BigInteger(span.bitLength() + 8, random).mod(span);
            sample.add(address(r.first().add(offset), false));
        }
        List<IpAddress> edges = new ArrayList<>(overlapEdges(rows(v4File), true));
        edges.addAll(overlapEdges(v6Rows, false));

        List<String> disagreements = new ArrayList<>();
        int[] counted = {0};
        try (NetblockDatabase nbdb = NetblockDatabase.open(db); Reader mmdb = new Reader(MMDB.toFile())) {
            for (List<IpAddress> addresses : List.of(sample, edges)) {
                for (IpAddress a : addresses) {
                    String ours = nbdb.country(a).orElse(null);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> record = mmdb.get(InetAddress.getByAddress(a.toBytes()), Map.class);
                    String theirs = record == null ? null : (String) record.get("country_code");
                    if (!Objects.equals(ours, theirs) && disagreements.size() < 20) {
                        disagreements.add(a + ": loader " + ours + ", mmdb " + theirs);
                    }
                    counted[0] += Objects.equals(ours, theirs) ? 0 : 1;
                }
            }
        }
        System.out.printf("geo-whois-asn-country CSV against its mmdb: %,d disagreements in %,d random addresses and %,d overlap edges%n",
                counted[0], sample.size(), edges.size());
        assertThat(edges).hasSizeGreaterThan(10_000); // the files do overlap
        assertThat(counted[0]).as("disagreements, first: %s", disagreements).isZero();
    }
}
