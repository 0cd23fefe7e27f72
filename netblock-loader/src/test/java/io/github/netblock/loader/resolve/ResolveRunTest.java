package io.github.netblock.loader.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.loader.progress.Progress;
import io.github.netblock.loader.testing.RdapAnswers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link ResolveRun} against the loopback fixtures ({@link ResolveFixtures}): what a dead RDAP server
 * leaves for the next run (not asked, not stored, said as such), why addresses are left (the deadline,
 * dead servers), and the progress of each phase.
 */
class ResolveRunTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;
    ResolveFixtures fx;
    Path store;

    @BeforeEach
    void start() throws IOException {
        fx = new ResolveFixtures();
        store = dir.resolve("store");
    }

    @AfterEach
    void stop() throws InterruptedException {
        fx.close();
    }

    private ResolveOptions options(Instant at) {
        return ResolveOptions.defaults(store)
                .withDns(List.of(new InetSocketAddress("127.0.0.1", fx.dns.port())), Duration.ofMillis(300), 0, 8, 0)
                .withPoliteness(new Politeness.Limits(100, 2, 3), new Politeness.Limits(100, 1, 3), Duration.ofSeconds(5), Duration.ofSeconds(60))
                .withWhois(fx.ianaWhois(), WhoisQuery::port43)
                .withClock(Clock.fixed(at, ZoneOffset.UTC));
    }

    private Path list(String name, List<String> addresses) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", addresses) + "\n");
    }

    private static String text(ResolveSummary s) {
        StringWriter out = new StringWriter();
        s.print(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void addressesOfADeadRdapServerAreLeftForTheNextRunNotCountedAsAskedNorStoredAsFailures() throws IOException, InterruptedException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // closed again: connections are refused
        }
        String dead = "http://127.0.0.1:" + closed + "/dead/";
        Path bootstrap = Files.createDirectories(store.resolve("bootstrap"));
        Files.writeString(bootstrap.resolve("dns.json"), RdapAnswers.bootstrap("dns", new String[][] {{"com"}}, new String[] {dead}));
        Files.writeString(bootstrap.resolve("ipv4.json"), RdapAnswers.bootstrap("ipv4", new String[][] {{"203.0.113.0/24"}}, new String[] {dead}));
        Files.writeString(bootstrap.resolve("ipv6.json"), RdapAnswers.bootstrap("ipv6", new String[][] {{"2001:db8::/32"}}, new String[] {dead}));
        List<String> addresses = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            addresses.add("203.0.113." + i); // NXDOMAIN each: no registrar to ask
        }
        Path in = list("fifty.txt", addresses);

        ResolveSummary first = new ResolveRun(options(T0), Progress.NONE, w -> { }).run(new LogFileAddresses(in, null));
        // one group of neighbours, asked one after the other: three refused connections make the server DEAD (deadAfter 3)
        NetworkFinder.Counts n = first.networks();
        assertThat(n.asked()).isEqualTo(3);
        assertThat(n.failed()).isEqualTo(3);
        assertThat(n.deferred()).isEqualTo(Map.of("rdap 127.0.0.1:" + closed + " DEAD", 47L));
        assertThat(n.failures()).first().asString().contains("connection refused by 127.0.0.1:" + closed);
        List<String> misses = Files.readAllLines(store.resolve(NetworkMisses.FILE));
        assertThat(misses).hasSize(4).first().isEqualTo(NetworkMisses.HEADER);
        assertThat(misses.subList(1, 4)).allSatisfy(l -> assertThat(l).matches("203\\.0\\.113\\.[012],failed,2026-11-20T10:00:00Z,connection refused by .*"));
        String text = text(first);
        assertThat(text).contains("networks: 3 asked, 0 found, 0 not found, 3 failed, 0 addresses inside known networks, "
                + "47 left for the next run (rdap 127.0.0.1:" + closed + " DEAD)\n");
        assertThat(text).contains("  rdap 127.0.0.1:" + closed + ": 3 queries").contains(", 47 not asked; DEAD: connection refused by 127.0.0.1:" + closed);
        assertThat(text).contains("reverse DNS: 50 asked, 0 answered, 50 NXDOMAIN or no PTR, 0 failed; 0 still fresh in the store (not asked)\n");

        // ten minutes later: the three failures are still fresh (1 hour), the 47 left over are asked, and the server is still dead
        ResolveSummary second = new ResolveRun(options(T0.plus(Duration.ofMinutes(10))), Progress.NONE, w -> { }).run(new LogFileAddresses(in, null));
        assertThat(second.networks().asked()).isEqualTo(3);
        assertThat(second.networks().deferred()).isEqualTo(Map.of("rdap 127.0.0.1:" + closed + " DEAD", 44L));
        assertThat(Files.readAllLines(store.resolve(NetworkMisses.FILE))).hasSize(7)
                .contains("203.0.113.3,failed,2026-11-20T10:10:00Z,connection refused by 127.0.0.1:" + closed);
    }

    @Test
    void whatTheDeadlineLeavesIsSaidToBeTheDeadlines() throws IOException, InterruptedException {
        Path in = list("three.txt", List.of("192.0.2.10", "192.0.2.11", "192.0.2.12"));
        fx.writeBootstrap(store);
        ResolveSummary s = new ResolveRun(options(T0).withPoliteness(new Politeness.Limits(100, 2, 3), new Politeness.Limits(100, 1, 3),
                Duration.ofSeconds(5), Duration.ofNanos(1)), Progress.NONE, w -> { }).run(new LogFileAddresses(in, null));
        assertThat(s.asked()).isZero();
        assertThat(s.deferred()).isEqualTo(Map.of("deadline", 3L));
        assertThat(text(s)).contains("; 0 still fresh in the store (not asked); 3 left for the next run (deadline)\n");
        assertThat(s.networks().asked()).isZero();
        assertThat(s.networks().deferredTotal()).isEqualTo(3);
        assertThat(store.resolve(NetworkMisses.FILE)).doesNotExist();
    }

    @Test
    void eachPhaseShowsProgressIncludingTheRegistrarsAndNetworksAfterThePass() throws IOException, InterruptedException {
        fx.writeBootstrap(store);
        fx.rdap.slow("arin", 1_500); // the network of 192.0.2.0/24 answers well after the DNS pass is done
        Path in = list("hits.txt", List.of("192.0.2.10", "192.0.2.11", "192.0.2.12", "198.51.100.7", "2001:db8::7"));
        StringWriter out = new StringWriter();
        // a line at every step (interval 0), as a log would get one every 10 s
        Progress lines = new Progress.Lines(new PrintWriter(out), Clock.systemUTC(), Duration.ZERO);
        ResolveSummary s = new ResolveRun(options(T0), lines, w -> { }).run(new LogFileAddresses(in, null));
        assertThat(s.networks().found()).isEqualTo(2);
        List<String> log = out.toString().lines().toList();
        // one phase after the other
        assertThat(log.indexOf("reading addresses from " + in + ": 5 addresses, done")).isNotNegative().isLessThan(log.indexOf("resolving: 1 addresses"));
        assertThat(log.indexOf("resolving: 5 addresses, done")).isNotNegative()
                .isLessThan(log.indexOf(log.stream().filter(l -> l.startsWith("registrars and RDAP networks: ")).findFirst().orElse("none")));
        List<String> finishing = log.stream().filter(l -> l.startsWith("registrars and RDAP networks: ")).toList();
        assertThat(finishing).as(out.toString()).isNotEmpty();
        // the last line: every lookup waiting when the pass ended is done, with what was found
        Matcher last = Pattern.compile("registrars and RDAP networks: (\\d+) lookups of (\\d+) \\((.*)\\), done").matcher(finishing.get(finishing.size() - 1));
        assertThat(last.matches()).as(finishing.toString()).isTrue();
        assertThat(last.group(1)).isEqualTo(last.group(2));
        // 192.0.2.10-12 wait for the slow server; at most the 5 addresses and the 3 domains waited
        assertThat(Integer.parseInt(last.group(2))).isBetween(3, 8);
        // example.com and example.net by RDAP, example.co.uk by WHOIS; 192.0.2.0/24 and 198.51.100.0/24 (redirected to ripe) found,
        // 2001:db8::/32 not (404)
        assertThat(last.group(3)).isEqualTo("registrars: 3 found, 0 failed; networks: 2 found, 1 not found, 0 failed");
    }
}
