package io.github.netblock.loader.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.loader.cli.CliRun;
import io.github.netblock.loader.cli.NetblockLoader;
import io.github.netblock.loader.resolve.ResolveFixtures;
import io.github.netblock.loader.testing.RdapAnswers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lookup --live} against the loopback DNS, RDAP and WHOIS fixtures ({@link ResolveFixtures}: its
 * comment lists what each server answers), over a database with:
 * <pre>
 * 192.0.2.0/28      DOC-DUMP-NET, Dump Owner Ltd, abuse@dump.example   feed ripe (rpsl): detailed
 * 192.0.2.0/24      TEST-NET-1, owner IANA                              feed iana (iana-special): IANA-level
 * 198.51.100.0/24   country NL, registry RIPE                           feed delegated-ripencc (delegated): a delegation
 * 203.0.113.0/24    handle 203.0.113.0 - 203.0.113.255 only             feed rdap-networks (rdap-json): an RDAP parent
 * </pre>
 * so 192.0.2.10-15 have a detailed block (no RDAP network asked) and 192.0.2.20 and 198.51.100.7 do not.
 */
class LookupLiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    ResolveFixtures fx;
    Path db;

    @BeforeEach
    void start() throws IOException {
        fx = new ResolveFixtures();
        db = dir.resolve("db.nbdb");
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder().dataDate(Instant.parse("2026-11-25T00:00:00Z"))
                .addSource(new SourceInfo("ripe", "rpsl", null, null, 0))
                .addSource(new SourceInfo("rdap-networks", "rdap-json", null, null, 0))
                .addSource(new SourceInfo("iana", "iana-special", null, null, 0), true)
                .addSource(new SourceInfo("delegated-ripencc", "delegated", null, null, 0));
        b.add(Netblock.builder("192.0.2.0/28").name("DOC-DUMP-NET").ownerName("Dump Owner Ltd").abuseEmail("abuse@dump.example")
                .country("NL").source("ripe").build());
        b.add(Netblock.builder("192.0.2.0/24").name("TEST-NET-1").ownerName("Internet Assigned Numbers Authority").registry("IANA")
                .source("iana").build());
        b.add(Netblock.builder("198.51.100.0/24").country("NL").registry("RIPE").status("ALLOCATED").source("delegated-ripencc").build());
        b.add(Netblock.builder("203.0.113.0/24").handle("203.0.113.0 - 203.0.113.255").source("rdap-networks").build());
        b.build(db);
    }

    @AfterEach
    void stop() throws InterruptedException {
        fx.close();
    }

    /** lookup --live against the fixtures, with --timeout 1s unless {@code extra} gives one. */
    private CliRun live(String ip, String... extra) {
        List<String> args = new ArrayList<>(List.of("lookup", ip, "--db", db.toString(), "--live", "--dns-server", fx.dns.address(),
                "--bootstrap-url", fx.rdap.bootstrapUrl(), "--whois-server", fx.ianaWhois()));
        if (!List.of(extra).contains("--timeout")) {
            args.addAll(List.of("--timeout", "1s"));
        }
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void theDetailedBlockRuleAsksRdapOnlyWhereTheDatabaseNamesNoNetwork() throws IOException {
        try (NetblockDatabase d = NetblockDatabase.open(db)) {
            assertThat(DetailedBlock.missing(d, IpAddress.parse("192.0.2.10"))).isNull();
            assertThat(DetailedBlock.missing(d, IpAddress.parse("192.0.2.20"))).contains("TEST-NET-1 of feed iana (iana-special)")
                    .contains("no registry object with an owner");
            assertThat(DetailedBlock.missing(d, IpAddress.parse("198.51.100.7"))).contains("of feed delegated-ripencc (delegated)");
            assertThat(DetailedBlock.missing(d, IpAddress.parse("203.0.113.9"))).contains("names no network, owner or abuse contact");
            assertThat(DetailedBlock.missing(d, IpAddress.parse("100.64.0.1"))).isEqualTo("the database has no block for this address");
            assertThat(DetailedBlock.missing(d, IpAddress.parse("::ffff:192.0.2.10"))).as("a mapped address is its IPv4 address").isNull();
        }
    }

    @Test
    void aConfirmedPtrAndItsRegistrarByRdapBesideTheDatabaseChain() {
        CliRun r = live("192.0.2.10");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        String out = r.out();
        // the database part first, as lookup prints it without --live
        assertThat(out).startsWith("192.0.2.10\n  192.0.2.0/28  DOC-DUMP-NET\n    owner        Dump Owner Ltd\n");
        assertThat(out.indexOf("LIVE (asked now, not from the database: DNS " + fx.dns.address())).isGreaterThan(out.indexOf("TEST-NET-1"));
        assertThat(out).contains("  PTR          scanner-10.example.com\n")
                .contains("  forward      confirmed: the name's A records contain 192.0.2.10\n")
                .contains("  domain       example.com (public suffix com)\n")
                // the fixture's verisign server: example.com's registrar entity, IANA id 376 in publicIds
                .contains("  registrar    RESERVED-Internet Assigned Numbers Authority (IANA 376), by RDAP\n")
                .contains("  network      not asked: the database has a detailed block for this address\n");
        assertThat(fx.rdap.count("GET /arin/ip/")).isZero();
    }

    @Test
    void aPtrNameWhoseAddressRecordsPointElsewhereIsNotConfirmed() {
        CliRun r = live("192.0.2.11"); // mail.example.net has A 192.0.2.99
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("  PTR          mail.example.net\n")
                .contains("  forward      NOT confirmed: the name's A records do not contain 192.0.2.11");
    }

    @Test
    void nxdomainAndATimeoutSayWhatHappenedAndAskNoRegistrar() {
        CliRun nx = live("192.0.2.12");
        assertThat(nx.exit()).as("the database knows the address").isZero();
        assertThat(nx.out()).contains("  PTR          none: NXDOMAIN (no reverse name for this address)\n")
                .contains("  registrar    not asked: no PTR name\n");

        long t0 = System.nanoTime();
        CliRun silent = live("192.0.2.15", "--timeout", "500ms");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        // two attempts of 500 ms, each noticed on dnsjava's selector round (about a second): well under the 2 s limit's double
        assertThat(millis).isLessThan(6_000);
        assertThat(silent.exit()).isZero();
        assertThat(silent.out()).contains("  PTR          failed: no answer (timeout)\n").contains("timeout 500 ms per query");
    }

    @Test
    void theRegistrarFallsBackToWhoisWhereTheTldHasNoRdapServer() {
        // host.example.org: truncated over UDP (TCP gives it); .org is in no RDAP bootstrap entry of the fixture, so
        // IANA's WHOIS refers to the thin registry, whose answer names the registrar and its IANA id
        CliRun r = live("192.0.2.14");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("  PTR          host.example.org\n")
                .contains("  registrar    RESERVED-Internet Assigned Numbers Authority (IANA 376), by WHOIS\n");
        assertThat(fx.iana.queries()).containsExactly("org");
        assertThat(fx.orgRegistry.queries()).containsExactly("example.org");
    }

    @Test
    void anAddressWithOnlyADelegationGetsItsRdapNetworkAndTheJsonPutsTheLivePartBesideTheDatabaseView() throws IOException {
        CliRun r = live("198.51.100.7", "--json");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        // the database's view as lookup --json gives it
        assertThat(j.path("ip").asText()).isEqualTo("198.51.100.7");
        assertThat(j.at("/netblocks/0/key").asText()).isEqualTo("198.51.100.0/24");
        assertThat(j.at("/netblocks/0/source").asText()).isEqualTo("delegated-ripencc");
        JsonNode live = j.path("live");
        assertThat(live.at("/reverse_dns/status").asText()).isEqualTo("answered");
        assertThat(live.at("/reverse_dns/domain").asText()).isEqualTo("vps7.example.co.uk");
        assertThat(live.at("/reverse_dns/registered_domain").asText()).isEqualTo("example.co.uk");
        assertThat(live.at("/reverse_dns/top_level_domain").asText()).isEqualTo("co.uk");
        assertThat(live.at("/reverse_dns/forward_confirmed").asBoolean(true)).as("the name has no A record").isFalse();
        // Nominet style: the registrar on the line after "Registrar:", no IANA id
        assertThat(live.at("/registrar/status").asText()).isEqualTo("found");
        assertThat(live.at("/registrar/name").asText()).isEqualTo("Example Registrar Ltd");
        assertThat(live.at("/registrar/via").asText()).isEqualTo("whois");
        assertThat(live.at("/registrar/iana_id").isMissingNode()).isTrue();
        // asked at the bootstrap's lacnic, redirected to ripe, whose RIPE-style answer is the network and, by its parentHandle, a parent
        assertThat(live.at("/network/status").asText()).isEqualTo("found");
        assertThat(live.at("/network/asked_because").asText()).contains("of feed delegated-ripencc (delegated)");
        assertThat(live.at("/network/url").asText()).isEqualTo(fx.rdap.base("ripe") + "ip/198.51.100.7");
        JsonNode net = live.at("/network/netblocks/0");
        assertThat(net.path("key").asText()).isEqualTo("198.51.100.0/24");
        assertThat(net.path("name").asText()).isEqualTo("EXAMPLE-DOC-NET");
        assertThat(net.path("country_iso_code").asText()).isEqualTo("NL");
        assertThat(net.at("/abuse/email").asText()).isEqualTo("abuse@doc.example");
        assertThat(net.at("/owner/name").asText()).as("no registrant name: the first description line").isEqualTo("Example documentation network");
        assertThat(net.path("registry").asText()).isEqualTo("RIPE");
        assertThat(live.at("/network/netblocks/1/key").asText()).isEqualTo("198.51.0.0/16");
        assertThat(fx.rdap.requests()).contains("GET /lacnic/ip/198.51.100.7", "GET /ripe/ip/198.51.100.7");
    }

    @Test
    void theTextShowsTheRdapNetworkUnderItsHeadingWithTheStoresBootstrap() throws IOException {
        Path store = dir.resolve("store");
        fx.writeBootstrap(store);
        CliRun r = CliRun.of("lookup", "192.0.2.20", "--db", db.toString(), "--live", "--dns-server", fx.dns.address(), "--store", store.toString(),
                "--whois-server", fx.ianaWhois(), "--timeout", "1s");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("RDAP by the " + store.resolve("bootstrap") + " bootstrap")
                .contains("  PTR          none: NXDOMAIN")
                .contains("  network      by RDAP from " + fx.rdap.base("arin") + "ip/192.0.2.20, because the database's narrowest block, "
                        + "192.0.2.0/24 TEST-NET-1 of feed iana (iana-special), is no registry object with an owner")
                // the ARIN-style answer: zero-padded range, registrant organisation, abuse contact nested in it
                .contains("    192.0.2.0/24  EXAMPLE-NET-1\n      owner        Example Hosting Inc. (EXHO)\n")
                .contains("      abuse        abuse@hosting.example\n")
                .contains("      source       rdap (live)\n");
    }

    @Test
    void aSlowRdapServerIsReportedWithinTheTimeoutAndTheRestIsShown() {
        fx.rdap.slow("arin", 20_000);
        long t0 = System.nanoTime();
        CliRun r = live("192.0.2.20");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(millis).as("bounded by the 1 s timeout, not the server's 20 s").isLessThan(5_000);
        assertThat(r.exit()).as("the database knows the address").isZero();
        assertThat(r.out()).contains("  network      failed: RDAP " + fx.rdap.base("arin") + "ip/192.0.2.20: no answer within 1 s\n")
                .contains("  PTR          none: NXDOMAIN");
    }

    @Test
    void aDeadRdapServerIsReportedNotWaitedFor() throws IOException {
        // a store whose bootstrap sends 192.0.2.0/24 to a loopback port where nothing listens
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + closed + "/dead/";
        Path bootstrap = Files.createDirectories(dir.resolve("store/bootstrap"));
        Files.writeString(bootstrap.resolve("dns.json"), RdapAnswers.bootstrap("dns", new String[][] {{"com"}}, new String[] {dead}));
        Files.writeString(bootstrap.resolve("ipv4.json"), RdapAnswers.bootstrap("ipv4", new String[][] {{"192.0.2.0/24"}}, new String[] {dead}));
        Files.writeString(bootstrap.resolve("ipv6.json"), RdapAnswers.bootstrap("ipv6", new String[][] {{"2001:db8::/32"}}, new String[] {dead}));
        long t0 = System.nanoTime();
        CliRun r = CliRun.of("lookup", "192.0.2.20", "--db", db.toString(), "--live", "--dns-server", fx.dns.address(),
                "--store", dir.resolve("store").toString(), "--whois-server", fx.ianaWhois(), "--timeout", "1s");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("  network      failed: RDAP " + dead + "ip/192.0.2.20: connection refused by 127.0.0.1:" + closed + "\n");
    }

    @Test
    void aBootstrapThatDoesNotDownloadIsANoteAndTheBundledCopyIsUsed() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        // 192.0.2.12: NXDOMAIN (no registrar to ask) inside the detailed /28 (no network to ask): nothing leaves the machine
        CliRun r = CliRun.of("lookup", "192.0.2.12", "--db", db.toString(), "--live", "--dns-server", fx.dns.address(),
                "--bootstrap-url", "http://127.0.0.1:" + closed + "/bootstrap/", "--whois-server", fx.ianaWhois(), "--timeout", "1s");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("  note         RDAP bootstrap: cannot download http://127.0.0.1:" + closed + "/bootstrap/dns.json: "
                        + "connection refused by 127.0.0.1:" + closed + "; the bundled copy is used\n")
                .contains("RDAP by the bundled (");
    }

    @Test
    void aBootstrapThatDoesNotDownloadFallsBackToTheStoresCopyAndTheNoteSaysSo() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path store = dir.resolve("store");
        fx.writeBootstrap(store);
        // 192.0.2.20: inside the IANA-level /24 only, so its RDAP network is asked, of the store's copy's server
        CliRun r = CliRun.of("lookup", "192.0.2.20", "--db", db.toString(), "--live", "--dns-server", fx.dns.address(),
                "--bootstrap-url", "http://127.0.0.1:" + closed + "/bootstrap/", "--store", store.toString(), "--whois-server", fx.ianaWhois(),
                "--timeout", "1s");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("  note         RDAP bootstrap: cannot download http://127.0.0.1:" + closed + "/bootstrap/dns.json: "
                        + "connection refused by 127.0.0.1:" + closed + "; the copy in " + store.resolve("bootstrap") + " is used\n")
                .contains("RDAP by the " + store.resolve("bootstrap") + " bootstrap")
                .contains("  network      by RDAP from " + fx.rdap.base("arin") + "ip/192.0.2.20");
        assertThat(r.out()).doesNotContain("bundled");

        // a store without bootstrap files: the bundled copy, and the note says that
        Path empty = Files.createDirectories(dir.resolve("empty-store"));
        CliRun bundled = CliRun.of("lookup", "192.0.2.12", "--db", db.toString(), "--live", "--dns-server", fx.dns.address(),
                "--bootstrap-url", "http://127.0.0.1:" + closed + "/bootstrap/", "--store", empty.toString(), "--whois-server", fx.ianaWhois(),
                "--timeout", "1s");
        assertThat(bundled.exit()).as(bundled.out() + bundled.err()).isZero();
        assertThat(bundled.out()).contains("; the bundled copy is used\n").contains("RDAP by the bundled (");
    }

    @Test
    void aDnsServerWhereNothingListensIsSaidInWords() throws IOException {
        int closed;
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // closed again: the host answers ICMP port unreachable
        }
        CliRun r = CliRun.of("lookup", "192.0.2.12", "--db", db.toString(), "--live", "--dns-server", "127.0.0.1:" + closed,
                "--bootstrap-url", fx.rdap.bootstrapUrl(), "--whois-server", fx.ianaWhois(), "--timeout", "1s");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("  PTR          failed: port unreachable at 127.0.0.1:" + closed + " (nothing listens there)")
                .doesNotContain("Exception");
    }

    @Test
    void nothingKnownInTheDatabaseOrLiveIsExit5() {
        // no block; NXDOMAIN; 100.64.0.0/10 is in no entry of the fixture's bootstrap
        CliRun nothing = live("100.64.0.1");
        assertThat(nothing.exit()).as(nothing.out() + nothing.err()).isEqualTo(NetblockLoader.NOT_FOUND);
        assertThat(nothing.out()).contains("  no netblock contains this address").contains("  network      none: no registry holds 100.64.0.1");
        CliRun json = live("100.64.0.1", "--json");
        assertThat(json.exit()).isEqualTo(NetblockLoader.NOT_FOUND);
    }

    @Test
    void liveOptionsWithoutLiveAndBadValuesAreUsageErrors() {
        CliRun noLive = CliRun.of("lookup", "192.0.2.10", "--db", db.toString(), "--dns-server", fx.dns.address());
        assertThat(noLive.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(noLive.err()).contains("are read with --live");
        CliRun badTimeout = live("192.0.2.10", "--timeout", "soon");
        assertThat(badTimeout.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(badTimeout.err()).contains("--timeout [soon]");
        CliRun badServer = live("192.0.2.10", "--dns-server", "127.0.0.1:99999");
        assertThat(badServer.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(badServer.err()).contains("--dns-server 127.0.0.1:99999: port [99999] is not 1..65535");
    }
}
