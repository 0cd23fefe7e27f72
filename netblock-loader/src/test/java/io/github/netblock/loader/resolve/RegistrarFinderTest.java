package io.github.netblock.loader.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.loader.testing.WhoisFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RDAP first, WHOIS when RDAP has no server, fails or names no registrar; "no such domain" is an answer. */
class RegistrarFinderTest {
    @TempDir
    Path dir;
    final ResolveFixtures fx;
    final WhoisFixture netRegistry;

    RegistrarFinderTest() throws IOException {
        fx = new ResolveFixtures();
        netRegistry = new WhoisFixture().answer("example.net",
                WhoisFixture.verisignStyle("example.net", "RESERVED-Internet Assigned Numbers Authority", 376L, "whois.iana.org"));
        fx.iana.answer("net", WhoisFixture.iana("net", "127.0.0.1:" + netRegistry.address().getPort()));
    }

    @AfterEach
    void stop() throws InterruptedException {
        fx.close();
        netRegistry.close();
    }

    private RegistrarFinder finder(Duration timeout) throws IOException {
        fx.writeBootstrap(dir);
        Politeness p = new Politeness(new Politeness.Limits(100, 4, 3), new Politeness.Limits(100, 2, 3));
        return new RegistrarFinder(RdapBootstrap.load(dir.resolve("bootstrap")), new RdapClient(p, timeout),
                new WhoisQuery(p, WhoisQuery::port43, timeout), fx.ianaWhois());
    }

    private static long in10s() {
        return System.nanoTime() + Duration.ofSeconds(10).toNanos();
    }

    @Test
    void rdapAnswersWithoutWhois() throws IOException, InterruptedException {
        assertThat(finder(Duration.ofSeconds(5)).find("example.com", in10s()))
                .isEqualTo(RegistrarAnswer.found("RESERVED-Internet Assigned Numbers Authority", 376L, "rdap"));
        assertThat(fx.iana.queries()).isEmpty();
    }

    @Test
    void rdapNotFoundIsANegativeAnswerAndWhoisIsNotAsked() throws IOException, InterruptedException {
        RegistrarAnswer a = finder(Duration.ofSeconds(5)).find("no-such-domain-example.com", in10s());
        assertThat(a.status()).isEqualTo(RegistrarAnswer.Status.NOT_FOUND);
        assertThat(fx.iana.queries()).isEmpty();
    }

    @Test
    void aSlowRdapServerFallsBackToWhois() throws IOException, InterruptedException {
        fx.rdap.slow("verisign", 2_000);
        RegistrarAnswer a = finder(Duration.ofMillis(300)).find("example.net", in10s());
        assertThat(a).isEqualTo(RegistrarAnswer.found("RESERVED-Internet Assigned Numbers Authority", 376L, "whois"));
        assertThat(fx.iana.queries()).containsExactly("net");
        assertThat(netRegistry.queries()).containsExactly("example.net");
    }

    @Test
    void theIanaReferralIsAskedOncePerTldAndAnUnknownDomainIsNoMatch() throws IOException, InterruptedException {
        RegistrarFinder f = finder(Duration.ofSeconds(5));
        assertThat(f.find("example.org", in10s()).name()).isEqualTo("RESERVED-Internet Assigned Numbers Authority");
        RegistrarAnswer none = f.find("nope-example.org", in10s());
        assertThat(none.status()).isEqualTo(RegistrarAnswer.Status.NOT_FOUND);
        assertThat(none.detail()).contains("no such domain");
        assertThat(fx.iana.queries()).containsExactly("org");
    }

    @Test
    void aThinRegistryAnswerWithoutRegistrarIsFollowedToTheRegistrarsWhoisServer() throws IOException, InterruptedException {
        try (WhoisFixture registrar = new WhoisFixture()) {
            String registrarServer = "127.0.0.1:" + registrar.address().getPort();
            // the registry names only the registrar's WHOIS server and IANA id; the registrar's server names the registrar
            fx.orgRegistry.answer("thin-example.org", WhoisFixture.verisignStyle("thin-example.org", null, 1234L, registrarServer));
            registrar.answer("thin-example.org", WhoisFixture.registrarStyle("thin-example.org", "Example Registrar, Inc.", 1234L, "abuse@registrar.example"));
            // a second domain: the registrar's answer leaves its IANA id out, the registry's is kept
            fx.orgRegistry.answer("thin-noid-example.org", WhoisFixture.verisignStyle("thin-noid-example.org", null, 1234L, registrarServer));
            registrar.answer("thin-noid-example.org", WhoisFixture.registrarStyle("thin-noid-example.org", "Example Registrar, Inc.", null, "abuse@registrar.example"));
            // a third: the registrar's server knows nothing of it
            fx.orgRegistry.answer("thin-gone-example.org", WhoisFixture.verisignStyle("thin-gone-example.org", null, 1234L, registrarServer));

            RegistrarFinder f = finder(Duration.ofSeconds(5));
            assertThat(f.find("thin-example.org", in10s())).isEqualTo(RegistrarAnswer.found("Example Registrar, Inc.", 1234L, "whois"));
            assertThat(f.find("thin-noid-example.org", in10s())).isEqualTo(RegistrarAnswer.found("Example Registrar, Inc.", 1234L, "whois"));
            RegistrarAnswer gone = f.find("thin-gone-example.org", in10s());
            assertThat(gone.status()).isEqualTo(RegistrarAnswer.Status.NOT_FOUND);
            assertThat(gone.detail()).isEqualTo("127.0.0.1:" + fx.orgRegistry.address().getPort() + " names no registrar");
            assertThat(fx.orgRegistry.queries()).containsExactly("thin-example.org", "thin-noid-example.org", "thin-gone-example.org");
            assertThat(registrar.queries()).containsExactly("thin-example.org", "thin-noid-example.org", "thin-gone-example.org");
        }
    }

    @Test
    void aRegistrarWhoisServerThatIsTheRegistryItselfIsNotAskedAgain() throws IOException, InterruptedException {
        String registry = "127.0.0.1:" + fx.orgRegistry.address().getPort();
        fx.orgRegistry.answer("self-example.org", WhoisFixture.verisignStyle("self-example.org", null, 1234L, registry));
        RegistrarAnswer a = finder(Duration.ofSeconds(5)).find("self-example.org", in10s());
        assertThat(a.status()).isEqualTo(RegistrarAnswer.Status.NOT_FOUND);
        assertThat(a.detail()).isEqualTo(registry + " names no registrar");
        assertThat(fx.orgRegistry.queries()).containsExactly("self-example.org");
    }

    @Test
    void aDeadWhoisServerFailsThreeTimesThenAsksNothingAndSaysSo() throws IOException, InterruptedException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        fx.writeBootstrap(dir);
        Politeness p = new Politeness(new Politeness.Limits(100, 4, 3), new Politeness.Limits(100, 2, 3));
        // .org has no RDAP server in the fixture's bootstrap: WHOIS only, through an IANA server where nothing listens
        RegistrarFinder f = new RegistrarFinder(RdapBootstrap.load(dir.resolve("bootstrap")), new RdapClient(p, Duration.ofSeconds(2)),
                new WhoisQuery(p, WhoisQuery::port43, Duration.ofSeconds(2)), "127.0.0.1:" + closed);
        for (String d : List.of("a.org", "b.org", "c.org")) {
            RegistrarAnswer a = f.find(d, in10s());
            assertThat(a.status()).isEqualTo(RegistrarAnswer.Status.FAILED);
            assertThat(a.detail()).isEqualTo("WHOIS connection refused by 127.0.0.1:" + closed);
        }
        assertThatThrownBy(() -> f.find("d.org", in10s())).isInstanceOf(NotAskedException.class)
                .satisfies(e -> assertThat(((NotAskedException) e).deferredBy()).isEqualTo("whois 127.0.0.1:" + closed + " DEAD"))
                .hasMessageContaining("3 failures in a row");
    }

    @Test
    void anIdnDomainIsAskedInPunycode() throws IOException, InterruptedException {
        fx.orgRegistry.answer("xn--bcher-kva.org", WhoisFixture.verisignStyle("xn--bcher-kva.org", "Example Registrar, Inc.", 1234L, null));
        RegistrarAnswer idn = finder(Duration.ofSeconds(5)).find("bücher.org", in10s());
        assertThat(idn).isEqualTo(RegistrarAnswer.found("Example Registrar, Inc.", 1234L, "whois"));
        assertThat(fx.orgRegistry.queries()).contains("xn--bcher-kva.org");
    }
}
