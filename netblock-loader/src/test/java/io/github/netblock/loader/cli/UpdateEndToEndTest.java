package io.github.netblock.loader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.netblock.loader.download.Integrity;
import io.github.netblock.loader.testing.FixtureServers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixture feeds served by real FTP (the RPSL dumps, gzipped, as RIRs publish them) and HTTP servers
 * (delegated stats with its .md5, ASN and country CSVs, reverse DNS, registrars) on 127.0.0.1;
 * {@code update} fetches, builds and publishes; {@code lookup} answers from the published file.
 */
class UpdateEndToEndTest {
    private static final Path FEEDS = Path.of("src/test/resources/feeds").toAbsolutePath();

    @TempDir
    Path dir;

    private static void gzip(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(to))) {
            Files.copy(from, out);
        }
    }

    private static String[] run(String... args) {
        CliRun r = CliRun.of(args);
        return new String[] {String.valueOf(r.exit()), r.out(), r.err()};
    }

    @Test
    void fixtureFeedsOverFtpAndHttpBecomeAPublishedDatabaseThatLookupAnswersFrom() throws Exception {
        Path ftpRoot = dir.resolve("ftp");
        for (String f : new String[] {"ripe.db.inetnum", "ripe.db.organisation", "ripe.db.role"}) {
            gzip(FEEDS.resolve("rpsl/" + f), ftpRoot.resolve("ripe/dbase/split/" + f + ".gz"));
        }
        Path httpRoot = dir.resolve("http");
        Files.createDirectories(httpRoot);
        Path delegated = httpRoot.resolve("delegated-ripencc-extended-latest");
        Files.copy(FEEDS.resolve("delegated/delegated-ripencc-extended-latest"), delegated);
        Files.writeString(httpRoot.resolve("delegated-ripencc-extended-latest.md5"),
                "MD5 (delegated-ripencc-extended-latest) = " + Integrity.md5(delegated) + "\n");
        for (String f : new String[] {"csv/asn-ipv4.csv", "csv/country-ipv4.csv", "dns/sonar-rdns.json", "dns/registrars.csv"}) {
            Files.copy(FEEDS.resolve(f), httpRoot.resolve(Path.of(f).getFileName()));
        }
        try (FixtureServers servers = new FixtureServers(ftpRoot, httpRoot, "anonymous", "netblock-loader@")) {
            Path config = dir.resolve("loader.yml");
            Files.writeString(config, String.join("\n",
                    "description: fetched fixture feeds",
                    "cache: cache",
                    "feeds:",
                    "  - name: ripe",
                    "    format: rpsl",
                    "    urls:",
                    "      - " + servers.ftpUrl("ripe/dbase/split/ripe.db.inetnum.gz"),
                    "      - " + servers.ftpUrl("ripe/dbase/split/ripe.db.organisation.gz"),
                    "      - " + servers.ftpUrl("ripe/dbase/split/ripe.db.role.gz"),
                    "  - name: delegated-ripencc",
                    "    format: delegated",
                    "    md5: true",
                    "    urls: [" + servers.httpUrl("delegated-ripencc-extended-latest") + "]",
                    "  - name: asn",
                    "    format: asn-csv",
                    "    urls: [" + servers.httpUrl("asn-ipv4.csv") + "]",
                    "  - name: country",
                    "    format: country-csv",
                    "    urls: [" + servers.httpUrl("country-ipv4.csv") + "]",
                    "  - name: rdns",
                    "    format: rdns-json",
                    "    urls: [" + servers.httpUrl("sonar-rdns.json") + "]",
                    "  - name: registrars",
                    "    format: registrar-csv",
                    "    urls: [" + servers.httpUrl("registrars.csv") + "]",
                    ""));
            Path folder = dir.resolve("es/config/ingest-netblock");
            String[] dry = run("update", "-c", config.toString(), "--to", folder.toString(), "--create-dirs", "--dry-run");
            assertThat(dry[0]).as(dry[2]).isEqualTo("0");
            assertThat(dry[1]).contains("downloaded ripe.db.inetnum.gz").contains("dry run").contains("does not exist yet");
            assertThat(folder).doesNotExist(); // a dry run creates nothing, --create-dirs or not

            String[] update = run("update", "-c", config.toString(), "--to", folder.toString(), "--create-dirs");
            assertThat(update[0]).as(update[2]).isEqualTo("0");
            assertThat(update[1]).contains("unchanged  ripe.db.inetnum.gz").contains("published");

            String[] lookup = run("lookup", "87.237.226.70", "--db", folder.resolve("default.nbdb").toString(), "--json");
            assertThat(lookup[0]).as(lookup[2]).isEqualTo("0");
            JsonNode r = new ObjectMapper().readTree(lookup[1]);
            assertThat(r.at("/netblocks/0/name").asText()).isEqualTo("ICCSAT871");
            assertThat(r.at("/netblocks/0/as/number").asLong()).isEqualTo(39386);
            assertThat(r.at("/netblocks/1/owner/name").asText()).isEqualTo("International Communication Co. (ICCS)");
            assertThat(r.at("/netblocks/1/abuse/email").asText()).isEqualTo("abuse@iccs.example");
            assertThat(r.at("/netblocks/1/country_iso_code").asText()).isEqualTo("SA");
            assertThat(r.at("/reverse_dns/domain").asText()).isEqualTo("scanner7.scan.example.co.uk");
            assertThat(r.at("/registrar/name").asText()).isEqualTo("Example Registrar Ltd");
            String[] delegatedOnly = run("lookup", "2.16.1.1", "--db", folder.resolve("default.nbdb").toString(), "--json");
            assertThat(new ObjectMapper().readTree(delegatedOnly[1]).at("/netblocks/0/country_iso_code").asText()).isEqualTo("DE");

            // a broken feed never replaces the published database: cut the RIPE dump on the server
            byte[] dump = Files.readAllBytes(ftpRoot.resolve("ripe/dbase/split/ripe.db.inetnum.gz"));
            Files.write(ftpRoot.resolve("ripe/dbase/split/ripe.db.inetnum.gz"), Arrays.copyOf(dump, dump.length / 2));
            byte[] published = Files.readAllBytes(folder.resolve("default.nbdb"));
            String[] broken = run("update", "-c", config.toString(), "--to", folder.toString(), "--retries", "0");
            assertThat(broken[0]).isEqualTo("1");
            assertThat(broken[2]).contains("not a complete gzip file");
            assertThat(Files.readAllBytes(folder.resolve("default.nbdb"))).isEqualTo(published);
        }
    }
}
