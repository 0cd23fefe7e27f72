package io.github.netblock.loader.feed.iana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IanaSpecialRegistryParserTest {
    @TempDir
    Path dir;

    @Test
    void readsFootnotesSeveralPrefixesInOneCellAndMultiLineRfcs() throws IOException {
        Path p = dir.resolve("iana-ipv4-special-registry-1.csv");
        Files.writeString(p, """
                Address Block,Name,RFC,Allocation Date,Termination Date,Source,Destination,Forwardable,Globally Reachable,Reserved-by-Protocol
                10.0.0.0/8,Private-Use,[RFC1918],1996-02,N/A,True,True,True,False,False
                192.0.0.0/24 [2],IETF Protocol Assignments,"[RFC6890], Section 2.1",2010-01,N/A,False,False,False,False,False
                "192.0.0.170/32, 192.0.0.171/32",NAT64/DNS64 Discovery,"[RFC8880][RFC7050], Section 2.2",2013-02,N/A,False,False,False,False,True
                192.88.99.0/24,Deprecated (6to4 Relay Anycast),[RFC7526],2001-06,2015-03,,,,,
                255.255.255.255/32,Limited Broadcast,"[RFC8190]
                [RFC919], Section 7",1984-10,N/A,False,True,False,False,True
                """);
        List<Netblock> blocks = IanaSpecialRegistryParser.parse(p, "iana");
        assertThat(blocks).extracting(b -> b.range().toString()).containsExactly(
                "10.0.0.0/8", "192.0.0.0/24", "192.0.0.170/32", "192.0.0.171/32", "192.88.99.0/24", "255.255.255.255/32");
        Netblock ten = blocks.get(0);
        assertThat(ten.name()).isEqualTo("Private-Use");
        assertThat(ten.ownerName()).isEqualTo("Internet Assigned Numbers Authority");
        assertThat(ten.registry()).isEqualTo("IANA");
        assertThat(ten.status()).isEqualTo("SPECIAL-PURPOSE");
        assertThat(ten.lastModified()).isEqualTo(Instant.parse("1996-02-01T00:00:00Z"));
        assertThat(ten.source()).isEqualTo("iana");
        assertThat(blocks.get(4).status()).isEqualTo("DEPRECATED SPECIAL-PURPOSE");
        assertThat(blocks.get(5).description()).isEqualTo("[RFC8190] [RFC919], Section 7");
    }

    @Test
    void theCommittedRegistriesParse() throws IOException {
        Path data = Path.of("../ingest-plugin/bundled-database/src/data/iana");
        List<Netblock> v4 = IanaSpecialRegistryParser.parse(data.resolve("iana-ipv4-special-registry.csv"), "iana");
        List<Netblock> v6 = IanaSpecialRegistryParser.parse(data.resolve("iana-ipv6-special-registry.csv"), "iana");
        assertThat(v4).hasSize(25);
        assertThat(v6).hasSize(24);
        assertThat(v4).anySatisfy(b -> {
            assertThat(b.range()).isEqualTo(IpRange.parse("100.64.0.0/10"));
            assertThat(b.name()).isEqualTo("Shared Address Space");
        });
        assertThat(v6).anySatisfy(b -> assertThat(b.range()).isEqualTo(IpRange.parse("fc00::/7")));
        assertThat(v4.get(0).name()).isEqualTo("This network");
    }

    @Test
    void aBadPrefixNamesFileAndLine() throws IOException {
        Path p = dir.resolve("bad.csv");
        Files.writeString(p, "Address Block,Name,RFC,Allocation Date,Termination Date\n10.0.0.1/8,Private-Use,[RFC1918],1996-02,N/A\n");
        assertThatThrownBy(() -> IanaSpecialRegistryParser.parse(p, "iana")).hasMessageContaining("bad.csv:2").hasMessageContaining("10.0.0.1/8");
    }
}
