package io.github.netblock.loader.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.loader.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What resolve stores reaches the database: {@code build} with the feeds of the default configuration
 * that read the store (rdap-json after a dump, rdns-csv, registrar-csv, all optional) gives the PTR
 * name, its registrar and the RDAP network of each address; before resolve ran the build works, with
 * a notice per skipped feed.
 */
class ResolveIntoDatabaseTest {
    @TempDir
    Path dir;

    /** The three store feeds as netblock-loader.yml lists them, after an RPSL dump. */
    private Path config() throws IOException {
        Files.writeString(dir.resolve("ripe.db.inetnum"), """
                inetnum:        198.51.100.0 - 198.51.100.255
                netname:        DUMP-WINS-NET
                country:        DE
                status:         ASSIGNED PA
                source:         RIPE
                """);
        return Files.writeString(dir.resolve("loader.yml"), """
                cache: cache
                feeds:
                  - name: ripe
                    format: rpsl
                    files: [ripe.db.inetnum]
                  - name: rdap-networks
                    format: rdap-json
                    optional: true
                    files: [cache/resolve/rdap-networks.jsonl]
                  - name: resolved-rdns
                    format: rdns-csv
                    optional: true
                    files: [cache/resolve/rdns.csv]
                  - name: resolved-registrars
                    format: registrar-csv
                    optional: true
                    files: [cache/resolve/registrars.csv]
                """);
    }

    @Test
    void beforeResolveRanTheBuildSkipsTheStoreFeedsWithANotice() throws IOException {
        CliRun b = CliRun.of("build", "-c", config().toString(), "-o", dir.resolve("a.nbdb").toString());
        assertThat(b.exit()).as(b.out() + b.err()).isZero();
        assertThat(b.out()).contains("feed rdap-networks: skipped").contains("feed resolved-rdns: skipped").contains("feed resolved-registrars: skipped");
    }

    @Test
    void theResolvedNamesRegistrarsAndNetworksAreInTheDatabase() throws IOException, InterruptedException {
        Path config = config();
        try (ResolveFixtures fx = new ResolveFixtures()) {
            Path log = Files.writeString(dir.resolve("hits.txt"), "192.0.2.10\n192.0.2.11\n198.51.100.7\n");
            CliRun r = CliRun.of("resolve", "-c", config.toString(), "--from", log.toString(), "--dns-server", fx.dns.address(),
                    "--refresh-bootstrap", "--bootstrap-url", fx.rdap.bootstrapUrl(), "--whois-server", fx.ianaWhois(), "--rdap-rate", "50", "--whois-rate", "50");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
        }
        CliRun b = CliRun.of("build", "-c", config.toString(), "-o", dir.resolve("db.nbdb").toString());
        assertThat(b.exit()).as(b.out() + b.err()).isZero();
        try (NetblockDatabase db = NetblockDatabase.open(dir.resolve("db.nbdb"))) {
            var ptr = db.reverseDns(IpAddress.parse("192.0.2.10")).orElseThrow();
            assertThat(ptr.name()).isEqualTo("scanner-10.example.com");
            assertThat(ptr.registeredDomain()).isEqualTo("example.com");
            assertThat(ptr.topLevelDomain()).isEqualTo("com");
            var registrar = db.registrar("example.com").orElseThrow();
            assertThat(registrar.name()).isEqualTo("RESERVED-Internet Assigned Numbers Authority");
            assertThat(registrar.ianaId()).isEqualTo(376L);
            var hit = db.reverseDnsHit(IpAddress.parse("198.51.100.7"), true); // vps7.example.co.uk, found by WHOIS (Nominet style: no IANA id)
            assertThat(hit.entry().registeredDomain()).isEqualTo("example.co.uk");
            assertThat(hit.registrar().name()).isEqualTo("Example Registrar Ltd");
            assertThat(hit.registrar().ianaId()).isNull();
            assertThat(db.registrar("example.org")).as("no address of this run has a name under it").isEmpty();

            // the ARIN-style answer: zero-padded range, registrant organisation, abuse contact nested in it
            Netblock net = db.lookup(IpAddress.parse("192.0.2.11")).orElseThrow();
            assertThat(net.range().toString()).isEqualTo("192.0.2.0/24");
            assertThat(net.name()).isEqualTo("EXAMPLE-NET-1");
            assertThat(net.handle()).isEqualTo("NET-192-0-2-0-1");
            assertThat(net.ownerName()).isEqualTo("Example Hosting Inc.");
            assertThat(net.abuseEmail()).isEqualTo("abuse@hosting.example");
            assertThat(net.registry()).isEqualTo("ARIN");
            assertThat(net.source()).isEqualTo("rdap-networks");

            // the dump's object of the same range wins field by field; RDAP fills what the dump lacks
            List<Netblock> chain = db.lookupChain(IpAddress.parse("198.51.100.7"));
            Netblock same = chain.get(0);
            assertThat(same.name()).isEqualTo("DUMP-WINS-NET");
            assertThat(same.country()).isEqualTo("DE");
            assertThat(same.abuseEmail()).isEqualTo("abuse@doc.example");
            assertThat(chain).extracting(n -> n.range().toRangeString()).contains("198.51.0.0 - 198.51.255.255"); // the RIPE parentHandle
        }
    }
}
