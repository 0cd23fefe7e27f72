package io.github.netblock.loader.feed.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.index.ip.IpFamily;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.loader.feed.FeedFormatException;
import io.github.netblock.loader.feed.ParseErrors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangeCsvParserTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private List<RangeCsvParser.Row> parse(Path p, IpFamily family, ParseErrors errors) throws IOException {
        List<RangeCsvParser.Row> rows = new ArrayList<>();
        RangeCsvParser.parse(p, family, errors, rows::add);
        return rows;
    }

    @Test
    void readsIpLocationDbAsnRowsWithQuotedNames() throws IOException {
        Path p = file("asn-ipv4.csv", """
                1.0.0.0,1.0.0.255,13335,"Cloudflare, Inc."
                2.26.200.0,2.26.215.255,201907,"LLC ""SPUTNIK\"""
                223.255.254.0,223.255.254.255,55415,Marina Bay Sands Pte Ltd
                """);
        List<RangeCsvParser.Row> rows = parse(p, IpFamily.IPV4, new ParseErrors("asn", 0));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).range()).isEqualTo(IpRange.parse("1.0.0.0/24"));
        assertThat(rows.get(0).value(0)).isEqualTo("13335");
        assertThat(rows.get(0).value(1)).isEqualTo("Cloudflare, Inc.");
        assertThat(rows.get(1).value(1)).isEqualTo("LLC \"SPUTNIK\"");
        assertThat(rows.get(1).range().toCidrs()).hasSize(2);
        assertThat(rows.get(2).line()).isEqualTo(3);
    }

    @Test
    void readsGzippedIpv6CountryRows() throws IOException {
        Path p = dir.resolve("geo-ipv6.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("2001:200::,2001:218:2000:51:ffff:ffff:ffff:ffff,AU\n2001:2::,2001:2::ffff:ffff:ffff:ffff:ffff,JP\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        List<RangeCsvParser.Row> rows = parse(p, IpFamily.IPV6, new ParseErrors("country", 0));
        assertThat(rows).extracting(r -> r.value(0)).containsExactly("AU", "JP");
        assertThat(rows.get(1).range()).isEqualTo(IpRange.parse("2001:2::/48"));
    }

    @Test
    void readsIntegerAddressesOfBothFamiliesAndCidrRows() throws IOException {
        Path v4 = file("asn-ipv4-num.csv", "16777216,16777471,13335,\"Cloudflare, Inc.\"\n");
        assertThat(parse(v4, IpFamily.IPV4, new ParseErrors("n", 0)).get(0).range()).isEqualTo(IpRange.parse("1.0.0.0/24"));
        // 2001:200:: = 0x20010200 << 96
        Path v6 = file("asn-ipv6-num.csv", "42540528726795050063891204319802818560,42540528726795050063891204319802818560,2500,WIDE\n");
        assertThat(parse(v6, IpFamily.IPV6, new ParseErrors("n", 0)).get(0).range()).isEqualTo(IpRange.parse("2001:200::/128"));
        Path cidr = file("cidr.csv", "network,asn,org\n192.0.2.0/24,64500,Example\n");
        List<RangeCsvParser.Row> rows = parse(cidr, null, new ParseErrors("c", 0));
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.range()).isEqualTo(IpRange.parse("192.0.2.0/24"));
            assertThat(r.value(1)).isEqualTo("Example");
        });
    }

    @Test
    void badRowsAreCountedWithFileAndLineAndTheFeedIsRefusedBeyondTheBudget() throws IOException {
        Path p = file("bad.csv", """
                1.0.0.0,1.0.0.255,13335,Cloudflare
                1.0.0.300,1.0.1.255,1,Broken
                1.0.4.0,1.0.3.255,2,Backwards
                1.0.8.0,1.0.8.255,3,Fine
                """);
        ParseErrors errors = new ParseErrors("asn", 2);
        List<RangeCsvParser.Row> rows = parse(p, IpFamily.IPV4, errors);
        assertThat(rows).hasSize(2);
        assertThat(errors.count()).isEqualTo(2);
        assertThat(errors.examples().get(0).getMessage()).contains("bad.csv:2").contains("1.0.0.300");
        assertThat(errors.examples().get(1).getMessage()).contains("bad.csv:3").contains("1.0.4.0 - 1.0.3.255");
        assertThatThrownBy(() -> parse(p, IpFamily.IPV4, new ParseErrors("asn", 1)))
                .isInstanceOf(FeedFormatException.class)
                .hasMessageContaining("more than 1 bad records")
                .hasMessageContaining("bad.csv:3");
    }

    @Test
    void invalidUtf8IsAnErrorThatNamesTheFile() throws IOException {
        Path p = dir.resolve("latin1.csv");
        Files.write(p, "1.0.0.0,1.0.0.255,1,Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> parse(p, IpFamily.IPV4, new ParseErrors("x", 0)))
                .isInstanceOf(FeedFormatException.class).hasMessageContaining("latin1.csv:1");
    }
}
