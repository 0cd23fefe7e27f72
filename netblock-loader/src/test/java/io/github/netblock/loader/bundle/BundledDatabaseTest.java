package io.github.netblock.loader.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.OriginAs;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.loader.feed.FeedFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled database from a small data folder laid out as the committed one. */
class BundledDatabaseTest {
    private static final String IANA_HEADER = "Address Block,Name,RFC,Allocation Date,Termination Date\n";

    @TempDir
    Path dir;

    private void gzip(String name, String content) throws IOException {
        Path file = dir.resolve("ip-location-db").resolve(name);
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void data(String asnV4) throws IOException {
        Files.createDirectories(dir.resolve("iana"));
        Files.writeString(dir.resolve("iana/iana-ipv4-special-registry.csv"), IANA_HEADER + "10.0.0.0/8,Private-Use,[RFC1918],1996-02,N/A\n");
        Files.writeString(dir.resolve("iana/iana-ipv6-special-registry.csv"), IANA_HEADER + "2001:db8::/32,Documentation,[RFC3849],2004-07,N/A\n");
        gzip("asn-ipv4.csv.gz", asnV4);
        gzip("asn-ipv6.csv.gz", "2001:4860::,2001:4860:ffff:ffff:ffff:ffff:ffff:ffff,15169,Google LLC\n");
        gzip("geo-whois-asn-country-ipv4.csv.gz", "1.0.0.0,1.0.0.127,AU\n");
        gzip("geo-whois-asn-country-ipv6.csv.gz", "2001:4860::,2001:4860:ffff:ffff:ffff:ffff:ffff:ffff,US\n");
    }

    @Test
    void namesSpecialSpaceAndGivesPublicSpaceItsAsAndCountryByTheViews() throws IOException {
        data("1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"\n10.0.0.0,10.255.255.255,64512,Private AS\n");
        Path db = dir.resolve("default.nbdb");
        BundledDatabase.build(dir, db, LocalDate.parse("2026-01-01"));
        try (NetblockDatabase d = NetblockDatabase.open(db)) {
            // public space: no block (a routed range is no WHOIS object), the AS and the country from the views
            assertThat(d.lookup(IpAddress.parse("1.0.0.1"))).isEmpty();
            assertThat(d.originAs(IpAddress.parse("1.0.0.1"))).contains(new OriginAs(13335, "Cloudflare, Inc."));
            assertThat(d.country(IpAddress.parse("1.0.0.1"))).contains("AU");
            assertThat(d.originAs(IpAddress.parse("1.0.0.200"))).contains(new OriginAs(13335, "Cloudflare, Inc."));
            assertThat(d.country(IpAddress.parse("1.0.0.200"))).isEmpty();

            // IANA's block is complete: the ASN row over the same range adds nothing to it
            Netblock ten = d.lookup(IpAddress.parse("10.1.2.3")).orElseThrow();
            assertThat(ten.name()).isEqualTo("Private-Use");
            assertThat(ten.ownerName()).isEqualTo("Internet Assigned Numbers Authority");
            assertThat(ten.asNumber()).isNull();
            assertThat(d.lookupChain(IpAddress.parse("10.1.2.3"))).hasSize(1);
            assertThat(d.blockCount()).isEqualTo(2);

            assertThat(d.originAs(IpAddress.parse("2001:4860::8888"))).contains(new OriginAs(15169, "Google LLC"));
            assertThat(d.country(IpAddress.parse("2001:4860::8888"))).contains("US");
            assertThat(d.lookup(IpAddress.parse("2001:db8::1")).orElseThrow().name()).isEqualTo("Documentation");

            // the header keeps the data's date (not the files'), IANA's source without one
            assertThat(d.metadata().dataDate()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
            assertThat(d.metadata().sources()).extracting(SourceInfo::name)
                    .containsExactly(BundledDatabase.SOURCE_IANA, BundledDatabase.SOURCE_ASN, BundledDatabase.SOURCE_COUNTRY);
            assertThat(d.metadata().sources()).extracting(SourceInfo::format)
                    .containsExactly("iana-special-registry-csv", "range-csv", "range-csv");
            assertThat(d.metadata().sources()).extracting(SourceInfo::serial).containsExactly(null, "2026-01-01", "2026-01-01");
        }
    }

    @Test
    void aBadRowInTheCommittedDataFailsTheBuild() throws IOException {
        data("1.0.0.0,1.0.0.255,13335,Cloudflare\n1.0.1.0,1.0.1.300,13335,Cloudflare\n");
        Path db = dir.resolve("default.nbdb");
        assertThatThrownBy(() -> BundledDatabase.build(dir, db, LocalDate.parse("2026-01-01")))
                .isInstanceOf(FeedFormatException.class).hasMessageContaining("asn-ipv4.csv.gz:2");
        assertThat(db).doesNotExist();
    }
}
