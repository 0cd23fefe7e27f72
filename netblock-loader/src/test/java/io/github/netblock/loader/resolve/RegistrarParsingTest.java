package io.github.netblock.loader.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.netblock.loader.testing.RdapAnswers;
import io.github.netblock.loader.testing.WhoisFixture;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Registrars out of RDAP domain objects and WHOIS answers of the shapes real servers give. */
class RegistrarParsingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rdapRegistrarEntityNameAndIanaIdFromPublicIds() throws IOException {
        RegistrarAnswer a = RdapRegistrar.parse(JSON.readTree(RdapAnswers.domain("example.com", "MarkMonitor Inc.", 292)));
        assertThat(a).isEqualTo(RegistrarAnswer.found("MarkMonitor Inc.", 292L, "rdap"));
    }

    @Test
    void rdapNumericHandleWhenThereIsNoPublicIdAndNoRegistrarEntity() throws IOException {
        String noPublicIds = "{\"objectClassName\":\"domain\",\"ldhName\":\"example.net\",\"entities\":[{\"objectClassName\":\"entity\",\"handle\":\"1234\","
                + "\"roles\":[\"registrar\"],\"vcardArray\":[\"vcard\",[[\"version\",{},\"text\",\"4.0\"],[\"fn\",{},\"text\",\"Example Registrar, Inc.\"]]]}]}";
        assertThat(RdapRegistrar.parse(JSON.readTree(noPublicIds))).isEqualTo(RegistrarAnswer.found("Example Registrar, Inc.", 1234L, "rdap"));
        String registrantOnly = "{\"objectClassName\":\"domain\",\"entities\":[{\"roles\":[\"registrant\"],"
                + "\"vcardArray\":[\"vcard\",[[\"fn\",{},\"text\",\"Someone\"]]]}]}";
        assertThat(RdapRegistrar.parse(JSON.readTree(registrantOnly)).status()).isEqualTo(RegistrarAnswer.Status.NOT_FOUND);
    }

    @Test
    void ianaReferral() {
        assertThat(WhoisRegistrar.refer(WhoisFixture.iana("com", "whois.verisign-grs.com"))).isEqualTo("whois.verisign-grs.com");
        assertThat(WhoisRegistrar.refer("% IANA WHOIS server\r\n\r\ndomain:       EXAMPLE\r\n\r\nwhois:        whois.nic.example\r\n"))
                .as("no refer: line, the whois: line").isEqualTo("whois.nic.example");
        assertThat(WhoisRegistrar.refer("% This query returned 0 objects.\r\n")).isNull();
    }

    @Test
    void thinRegistryIndentedLines() {
        WhoisRegistrar.Parsed p = WhoisRegistrar.parse(WhoisFixture.verisignStyle("example.com", "MarkMonitor Inc.", 292L, "whois.markmonitor.com"));
        assertThat(p.registrar()).isEqualTo("MarkMonitor Inc.");
        assertThat(p.ianaId()).isEqualTo(292L);
        assertThat(p.registrarWhois()).isEqualTo("whois.markmonitor.com");
    }

    @Test
    void olderSponsoringRegistrarForm() {
        WhoisRegistrar.Parsed p = WhoisRegistrar.parse("Domain ID: D1234-LROR\nDomain Name: EXAMPLE.ORG\n"
                + "Sponsoring Registrar: Example Registrar, Inc. (R1234-LROR)\nSponsoring Registrar IANA ID: 1234\n");
        assertThat(p.registrar()).isEqualTo("Example Registrar, Inc. (R1234-LROR)");
        assertThat(p.ianaId()).isEqualTo(1234L);
    }

    @Test
    void nominetNameOnTheNextLineWithoutItsTag() {
        WhoisRegistrar.Parsed p = WhoisRegistrar.parse(WhoisFixture.nominetStyle("example.co.uk", "Example Registrar Ltd", "EXAMPLE"));
        assertThat(p.registrar()).isEqualTo("Example Registrar Ltd");
        assertThat(p.ianaId()).isNull();
    }

    @Test
    void noMatchIsNoRegistrar() {
        WhoisRegistrar.Parsed p = WhoisRegistrar.parse("No match for \"NOPE-EXAMPLE.COM\".\r\n>>> Last update of whois database: 2026-11-25T10:00:00Z <<<\r\n");
        assertThat(p.registrar()).isNull();
        assertThat(p.noMatch()).isTrue();
    }
}
