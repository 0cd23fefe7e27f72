package io.github.netblock.loader.feed.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.RegistrarEntry;
import io.github.netblock.index.model.ReverseDnsEntry;
import io.github.netblock.loader.feed.ParseErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReverseDnsAndRegistrarParserTest {
    private static final Path DNS = Path.of("src/test/resources/feeds/dns");

    @Test
    void sonarJsonLinesGiveNamesWithRegisteredDomainsAndSkipReverseZonesAndOtherTypes() throws IOException {
        List<ReverseDnsEntry> out = new ArrayList<>();
        ParseErrors errors = new ParseErrors("sonar", 5);
        assertThat(ReverseDnsParser.parseJsonLines(DNS.resolve("sonar-rdns.json"), errors, out::add)).isEqualTo(2);
        ReverseDnsEntry uk = out.get(0);
        assertThat(uk.ip()).isEqualTo(IpAddress.parse("87.237.226.70"));
        assertThat(uk.name()).isEqualTo("scanner7.scan.example.co.uk");
        assertThat(uk.registeredDomain()).isEqualTo("example.co.uk"); // co.uk is the public suffix
        assertThat(uk.topLevelDomain()).isEqualTo("co.uk");
        assertThat(uk.firstSeen()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        ReverseDnsEntry com = out.get(1);
        assertThat(com.name()).isEqualTo("host1.eu-wide.example.com"); // lower case, trailing dot gone
        assertThat(com.registeredDomain()).isEqualTo("example.com");
        assertThat(errors.count()).isEqualTo(1);
        assertThat(errors.examples().get(0).getMessage()).contains("sonar-rdns.json:5");
    }

    @Test
    void csvEntriesTakeIsoOrUnixTimes() throws IOException {
        List<ReverseDnsEntry> out = new ArrayList<>();
        ReverseDnsParser.parseCsv(DNS.resolve("rdns.csv"), new ParseErrors("rdns", 0), out::add);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).ip()).isEqualTo(IpAddress.parse("2001:db8::7"));
        assertThat(out.get(0).firstSeen()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(out.get(0).lastSeen()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(out.get(1).registeredDomain()).isEqualTo("example.org");
        assertThat(out.get(1).firstSeen()).isNull();
    }

    @Test
    void registrarsByDomainWithOptionalIanaId() throws IOException {
        List<RegistrarEntry> out = new ArrayList<>();
        ParseErrors errors = new ParseErrors("registrars", 5);
        RegistrarCsvParser.parse(DNS.resolve("registrars.csv"), errors, out::add);
        assertThat(out).containsExactly(new RegistrarEntry("example.co.uk", "Example Registrar Ltd", 1234L),
                new RegistrarEntry("example.com", "MarkMonitor Inc.", 292L), new RegistrarEntry("example.org", "Gandi SAS", 81L));
        assertThat(errors.count()).isEqualTo(1);
        assertThat(errors.examples().get(0).getMessage()).contains("registrars.csv:5").contains("bad domain!");
    }
}
