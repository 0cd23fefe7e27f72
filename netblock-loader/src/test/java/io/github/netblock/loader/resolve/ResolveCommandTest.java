package io.github.netblock.loader.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.loader.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code resolve --from} end to end against the loopback DNS, RDAP and WHOIS fixtures ({@link ResolveFixtures}). */
class ResolveCommandTest {
    @TempDir
    Path dir;
    ResolveFixtures fx;
    Path config;
    Path store;

    @BeforeEach
    void start() throws IOException {
        fx = new ResolveFixtures();
        config = dir.resolve("loader.yml");
        Files.writeString(config, "cache: cache\nfeeds:\n  - name: x\n    format: rdns-csv\n    optional: true\n    files: [cache/resolve/rdns.csv]\n");
        store = dir.resolve("cache/resolve");
    }

    @AfterEach
    void stop() throws InterruptedException {
        fx.close();
    }

    private CliRun resolve(Path from, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("resolve", "-c", config.toString(), "--from", from.toString(),
                "--dns-server", fx.dns.address(), "--dns-timeout", "300ms", "--dns-retries", "1",
                "--refresh-bootstrap", "--bootstrap-url", fx.rdap.bootstrapUrl(), "--whois-server", fx.ianaWhois(),
                "--rdap-rate", "50", "--whois-rate", "50", "--http-timeout", "5s", "--deadline", "60s"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static Map<String, String> rows(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().skip(1).collect(Collectors.toMap(l -> l.substring(0, l.indexOf(',')), l -> l));
    }

    /** An nginx access log of the fixture addresses, with repeats and one line that starts with no address. */
    private Path accessLog() throws IOException {
        Path log = dir.resolve("access.log");
        StringBuilder b = new StringBuilder();
        for (String ip : List.of("192.0.2.10", "192.0.2.11", "192.0.2.10", "192.0.2.12", "192.0.2.13", "192.0.2.14", "192.0.2.15",
                "198.51.100.7", "2001:db8::7", "192.0.2.11")) {
            b.append(ip).append(" - - [25/Nov/2026:10:00:00 +0000] \"GET /phpMyAdmin/scripts/setup.php HTTP/1.1\" 404 153 \"-\" \"ZmEu\"\n");
            if (ip.equals("192.0.2.12")) {
                b.append("scanner.example.com - - [25/Nov/2026:10:00:01 +0000] \"GET / HTTP/1.1\" 200 612 \"-\" \"-\"\n"); // line 5: a host name
            }
        }
        Files.writeString(log, b);
        return log;
    }

    @Test
    void resolvesPtrRegistrarsAndNetworksIntoTheStoreFeeds() throws IOException {
        CliRun r = resolve(accessLog(), "--confirm");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        // the bad line: named by file and line, with its value, and counted
        assertThat(r.err()).contains("access.log:5").contains("scanner.example.com");
        assertThat(r.out()).contains("8 distinct from 10 read").contains("1 lines were no address");

        Map<String, String> rdns = rows(store.resolve("rdns.csv"));
        assertThat(rdns.keySet()).containsExactlyInAnyOrder("192.0.2.10", "192.0.2.11", "192.0.2.14", "198.51.100.7", "2001:db8::7");
        assertThat(rdns.get("192.0.2.10")).startsWith("192.0.2.10,scanner-10.example.com,20");
        assertThat(rdns.get("192.0.2.14")).as("truncated over UDP, answered over TCP").startsWith("192.0.2.14,host.example.org,");
        assertThat(fx.dns.tcpQueries()).isPositive();

        Map<String, String> addresses = rows(store.resolve("addresses.csv"));
        assertThat(addresses.get("192.0.2.10")).startsWith("192.0.2.10,answered,scanner-10.example.com,yes,");
        assertThat(addresses.get("192.0.2.11")).startsWith("192.0.2.11,answered,mail.example.net,no,");
        assertThat(addresses.get("2001:db8::7")).startsWith("2001:db8::7,answered,v6.example.com,yes,");
        assertThat(addresses.get("192.0.2.12")).startsWith("192.0.2.12,nxdomain,,,");
        assertThat(addresses.get("192.0.2.13")).startsWith("192.0.2.13,servfail,,,");
        assertThat(addresses.get("192.0.2.15")).startsWith("192.0.2.15,timeout,,,");
        assertThat(r.out()).contains("forward-confirmed: 2 of 5 names"); // .11 points elsewhere; host.example.org and vps7.example.co.uk have no A

        Map<String, String> registrars = rows(store.resolve("registrars.csv"));
        assertThat(registrars).containsEntry("example.com", "example.com,RESERVED-Internet Assigned Numbers Authority,376")
                .containsEntry("example.net", "example.net,RESERVED-Internet Assigned Numbers Authority,376")
                .containsEntry("example.org", "example.org,RESERVED-Internet Assigned Numbers Authority,376") // WHOIS, thin registry
                .containsEntry("example.co.uk", "example.co.uk,Example Registrar Ltd,"); // WHOIS, Nominet style
        assertThat(fx.rdap.count("GET /verisign/domain/example.com")).as("once per domain, not per address").isEqualTo(1);
        assertThat(fx.iana.queries()).containsExactlyInAnyOrder("org", "uk");

        List<String> networks = Files.readAllLines(store.resolve("rdap-networks.jsonl"));
        assertThat(networks).hasSize(2);
        assertThat(networks).anySatisfy(l -> assertThat(l).contains("EXAMPLE-NET-1").contains("netblock_fetched"));
        assertThat(networks).anySatisfy(l -> assertThat(l).contains("EXAMPLE-DOC-NET"));
        assertThat(fx.rdap.count("GET /arin/ip/")).as("one query covers the /24's six addresses").isEqualTo(1);
        assertThat(fx.rdap.requests()).contains("GET /lacnic/ip/198.51.100.7", "GET /ripe/ip/198.51.100.7"); // the redirect followed
        assertThat(Files.readString(store.resolve("rdap-misses.csv"))).contains("2001:db8::7,not_found,");
    }

    @Test
    void aSecondRunAsksNothingFreshAndMergesNewAddresses() throws IOException {
        assertThat(resolve(accessLog()).exit()).isZero();
        long udp = fx.dns.udpQueries();
        int rdapRequests = fx.rdap.requests().size();
        Path more = dir.resolve("more.txt");
        Files.writeString(more, "# one new address\n192.0.2.10\n192.0.2.16\n");
        fx.dns.ptr("192.0.2.16", "scanner-16.example.com");
        CliRun second = resolve(more);
        assertThat(second.exit()).as(second.out() + second.err()).isZero();
        assertThat(fx.dns.udpQueries() - udp).as("only the new address is asked").isEqualTo(1);
        assertThat(second.out()).contains("1 asked, 1 answered").contains("1 still fresh");
        // example.com is known and fresh, 192.0.2.16 is inside the stored /24: nothing asked of RDAP but the bootstrap
        assertThat(fx.rdap.requests().subList(rdapRequests, fx.rdap.requests().size())).allMatch(q -> q.startsWith("GET /bootstrap/"));
        Map<String, String> rdns = rows(store.resolve("rdns.csv"));
        assertThat(rdns.keySet()).containsExactlyInAnyOrder("192.0.2.10", "192.0.2.11", "192.0.2.14", "198.51.100.7", "2001:db8::7", "192.0.2.16");
        assertThat(rows(store.resolve("addresses.csv"))).hasSize(9);
    }

    @Test
    void badCommandLinesAreUsageErrorsAndAMissingFileIsInvalidInput() {
        assertThat(CliRun.of("resolve", "-c", config.toString()).exit()).isEqualTo(2);
        assertThat(CliRun.of("resolve", "-c", config.toString(), "--from", "x", "--es", "http://127.0.0.1:9").exit()).isEqualTo(2);
        assertThat(CliRun.of("resolve", "-c", config.toString(), "--es", "http://127.0.0.1:9").err()).contains("--index");
        CliRun ttl = CliRun.of("resolve", "-c", config.toString(), "--from", "x", "--ttl", "weekly");
        assertThat(ttl.exit()).isEqualTo(2);
        assertThat(ttl.err()).contains("--ttl [weekly]");
        CliRun missing = CliRun.of("resolve", "-c", config.toString(), "--from", dir.resolve("nope.log").toString(), "--dns-server", fx.dns.address());
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err()).contains("--from").contains("nope.log").contains("no such file");
    }

    @Test
    void aDnsServerThatNeverAnswersIsGivenUpOnAndTheRestLeftForTheNextRun() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            b.append("203.0.113.").append(i).append('\n');
            fx.dns.silent("203.0.113." + i);
        }
        Path list = Files.writeString(dir.resolve("many.txt"), b);
        long t0 = System.nanoTime();
        CliRun r = CliRun.of("resolve", "-c", config.toString(), "--from", list.toString(), "--dns-server", fx.dns.address(),
                "--no-registrars", "--no-networks", "--in-flight", "8", "--dns-retries", "0", "--dns-timeout", "200ms");
        // dnsjava notices timeouts on its selector's rounds (about a second): asking all 200, 8 at a time, would take 25 s
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(15_000);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("DEAD: 32 queries in a row without an answer")
                .containsPattern("; \\d+ left for the next run \\(DNS " + java.util.regex.Pattern.quote(fx.dns.address()) + " DEAD\\)\n")
                .doesNotContain("(deadline)");
        assertThat(rows(store.resolve("addresses.csv")).size()).as("only those asked are stored, as timeouts").isBetween(32, 48);
        assertThat(r.err()).contains("no DNS server answered");
    }

    @Test
    void aDeadDnsServerFailsTheRunAfterTheTimeoutsNotForever() throws IOException {
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "192.0.2.15\n");
        long t0 = System.nanoTime();
        CliRun r = resolve(list, "--no-registrars", "--no-networks");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no DNS server answered");
        assertThat(rows(store.resolve("addresses.csv")).get("192.0.2.15")).startsWith("192.0.2.15,timeout,");
    }
}
