package io.github.netblock.loader.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.loader.testing.RdapAnswers;
import io.github.netblock.loader.testing.RdapFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RDAP queries against the loopback registries: redirects, 404, 429 with Retry-After, dead and slow servers. */
class RdapClientTest {
    private final RdapFixture rdap;
    private final Politeness politeness = new Politeness(new Politeness.Limits(50, 2, 3), Politeness.WHOIS_DEFAULT);

    RdapClientTest() throws IOException {
        rdap = new RdapFixture().network("ripe", "198.51.100.0/24", RdapAnswers.ripeNetwork("198.51.100.0", "198.51.100.255", "EXAMPLE-DOC-NET", "NL",
                "Example documentation network", "abuse@doc.example", "198.51.0.0 - 198.51.255.255")).redirect("arin", "ripe");
    }

    @AfterEach
    void stop() {
        rdap.close();
    }

    private static long in(Duration d) {
        return System.nanoTime() + d.toNanos();
    }

    @Test
    void aRedirectToAnotherRegistryIsFollowed() throws InterruptedException {
        RdapClient.Result r = new RdapClient(politeness, Duration.ofSeconds(5)).get(URI.create(rdap.base("arin") + "ip/198.51.100.7"), in(Duration.ofSeconds(10)));
        assertThat(r.outcome()).isEqualTo(RdapClient.Outcome.FOUND);
        assertThat(r.body().path("name").asText()).isEqualTo("EXAMPLE-DOC-NET");
        assertThat(r.uri().toString()).isEqualTo(rdap.base("ripe") + "ip/198.51.100.7");
        assertThat(rdap.requests()).containsExactly("GET /arin/ip/198.51.100.7", "GET /ripe/ip/198.51.100.7");
    }

    @Test
    void notFoundIsAnAnswerNotAFailure() throws InterruptedException {
        RdapClient.Result r = new RdapClient(politeness, Duration.ofSeconds(5)).get(URI.create(rdap.base("ripe") + "ip/203.0.113.9"), in(Duration.ofSeconds(10)));
        assertThat(r.outcome()).isEqualTo(RdapClient.Outcome.NOT_FOUND);
        assertThat(politeness.stats()).singleElement().satisfies(s -> assertThat(s.failed()).isZero());
    }

    @Test
    void http429RetryAfterIsWaitedForThenTheQueryIsMadeAgain() throws InterruptedException {
        rdap.throttle("ripe", 1, 1);
        long t0 = System.nanoTime();
        RdapClient.Result r = new RdapClient(politeness, Duration.ofSeconds(5)).get(URI.create(rdap.base("ripe") + "ip/198.51.100.7"), in(Duration.ofSeconds(10)));
        assertThat(r.outcome()).isEqualTo(RdapClient.Outcome.FOUND);
        assertThat(System.nanoTime() - t0).as("Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofMillis(950).toNanos());
        assertThat(rdap.count("GET /ripe/ip/")).isEqualTo(2);
        assertThat(politeness.stats()).singleElement().satisfies(s -> assertThat(s.throttled()).isEqualTo(1));
    }

    @Test
    void aRetryAfterBeyondTheDeadlineGivesUpAtOnce() throws InterruptedException {
        rdap.throttle("ripe", 1, 120);
        long t0 = System.nanoTime();
        RdapClient.Result r = new RdapClient(politeness, Duration.ofSeconds(5)).get(URI.create(rdap.base("ripe") + "ip/198.51.100.7"), in(Duration.ofSeconds(10)));
        assertThat(r.outcome()).isEqualTo(RdapClient.Outcome.FAILED);
        assertThat(r.detail()).contains("429").contains("120 s");
        assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(5).toNanos());
    }

    @Test
    void aDeadServerIsSkippedAfterThreeFailuresInARow() throws InterruptedException, IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: connections are refused
        }
        RdapClient client = new RdapClient(politeness, Duration.ofSeconds(2));
        for (int i = 0; i < 3; i++) {
            RdapClient.Result refused = client.get(URI.create("http://127.0.0.1:" + port + "/ip/192.0.2." + i), in(Duration.ofSeconds(10)));
            assertThat(refused.outcome()).isEqualTo(RdapClient.Outcome.FAILED);
            assertThat(refused.detail()).as("the cause in words, with the server").isEqualTo("connection refused by 127.0.0.1:" + port);
        }
        RdapClient.Result skipped = client.get(URI.create("http://127.0.0.1:" + port + "/ip/192.0.2.9"), in(Duration.ofSeconds(10)));
        assertThat(skipped.outcome()).as("nothing was sent: not a failure of the question").isEqualTo(RdapClient.Outcome.NOT_ASKED);
        assertThat(skipped.deferredBy()).isEqualTo("rdap 127.0.0.1:" + port + " DEAD");
        assertThat(skipped.detail()).contains("3 failures in a row");
        assertThat(politeness.stats()).singleElement().satisfies(s -> {
            assertThat(s.queries()).isEqualTo(3);
            assertThat(s.skipped()).isEqualTo(1);
            assertThat(s.deadReason()).isNotNull();
        });
    }

    @Test
    void aSlowServerTimesOutInsteadOfHangingTheRun() throws InterruptedException {
        rdap.slow("ripe", 3_000);
        long t0 = System.nanoTime();
        RdapClient.Result r = new RdapClient(politeness, Duration.ofMillis(300)).get(URI.create(rdap.base("ripe") + "ip/198.51.100.7"), in(Duration.ofSeconds(10)));
        assertThat(r.outcome()).isEqualTo(RdapClient.Outcome.FAILED);
        assertThat(r.detail()).contains("no answer");
        assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(2).toNanos());
    }
}
