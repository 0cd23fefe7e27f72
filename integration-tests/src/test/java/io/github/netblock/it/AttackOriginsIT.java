package io.github.netblock.it;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.it.demo.AttackOrigins;
import io.github.netblock.it.demo.SampleAttackLog;
import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.it.harness.ElasticsearchNodeExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What ./demo.sh does, checked: every good line is indexed and annotated, the bad ones fail alone. */
class AttackOriginsIT {
    @RegisterExtension
    static final ElasticsearchNodeExtension ES = new ElasticsearchNodeExtension(new ElasticsearchNode.Options().name("demo-it"));

    @Test
    void theSampleLogIsAnnotatedAndSummarised() throws Exception {
        List<String> log;
        try (NetblockDatabase db = NetblockDatabase.open(Path.of(System.getProperty("netblock.bundled.db")))) {
            log = new ArrayList<>(SampleAttackLog.generate(db, 1000, Instant.parse("2026-11-26T12:00:00Z"), 7));
        }
        log.add("garbage that is not a log line");
        log.add("999.1.1.1 - - [26/Nov/2026:12:00:01 +0000] \"GET /pma/ HTTP/1.1\" 404 143 \"-\" \"ZmEu\"");
        ElasticsearchClient client = ES.node().client();
        AttackOrigins.install(client, Path.of(System.getProperty("netblock.dashboards")));
        AttackOrigins.Ingested result = AttackOrigins.ingest(client, log);

        assertThat(result.indexed()).isEqualTo(1000);
        assertThat(result.failures()).hasSize(2);
        assertThat(result.failures().get(0)).contains("not an nginx combined log line");
        assertThat(result.failures().get(1)).contains("[999.1.1.1] is not an IP address");
        // every sampled attacker is routed and located, so every document has an AS and a country (the views)
        assertThat(client.count(c -> c.index(AttackOrigins.INDEX).query(q -> q.exists(e -> e.field("source.as.number")))).count()).isEqualTo(1000);
        assertThat(client.count(c -> c.index(AttackOrigins.INDEX).query(q -> q.exists(e -> e.field("source.geo.country_iso_code")))).count()).isEqualTo(1000);
        Map<String, Long> countries = AttackOrigins.top(client, "source.geo.country_iso_code", 100);
        assertThat(countries.size()).isGreaterThanOrEqualTo(20);
        assertThat(countries.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
        // and no netblock: a piece of an IP-to-ASN or IP-to-country file is no WHOIS object, so the bundled
        // database names no network, owner or abuse contact for public space (the AS organisation is in as.*)
        assertThat(client.count(c -> c.index(AttackOrigins.INDEX).query(q -> q.exists(e -> e.field("source.netblock")))).count()).isZero();
        assertThat(AttackOrigins.summary(client)).contains("Top source countries").contains("Top AS organisations")
                .contains("Top netblock owners\n  (none: ");
    }

    @Test
    void setupInstallsTemplatesAndPipelinesIdempotentlyAndSkipsWhatTheClusterCannotRun() throws Exception {
        String url = ES.node().baseUrl();
        for (int round = 0; round < 2; round++) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            picocli.CommandLine cli = io.github.netblock.loader.cli.NetblockLoader.commandLine();
            cli.setOut(new java.io.PrintWriter(out));
            cli.setErr(new java.io.PrintWriter(err));
            assertThat(cli.execute("setup", "--es", url, "--index-pattern", "web-hits-*")).as(err.toString()).isZero();
            assertThat(out.toString())
                    .contains("component template netblock-source installed", "component template web-access installed",
                            "index template netblock-attacks installed", "pipeline netblock-source-ip installed")
                    .contains("pipeline nginx-access-raw skipped: this cluster has no") // grok, date, remove, set
                    .contains("setup done: 4 objects installed");
        }
        ElasticsearchClient client = ES.node().client();
        var attacks = client.indices().getIndexTemplate(t -> t.name("netblock-attacks")).indexTemplates().get(0).indexTemplate();
        assertThat(attacks.indexPatterns()).containsExactly("web-hits-*");
        assertThat(attacks.composedOf()).contains("netblock-source", "web-access");
        // no pipeline parameter: the template's default pipeline annotates
        client.index(i -> i.index("web-hits-demo").document(Map.of("@timestamp", "2026-11-26T12:00:00Z", "source", Map.of("ip", "8.8.8.8"))));
        client.indices().refresh(r -> r.index("web-hits-demo"));
        assertThat(client.count(c -> c.index("web-hits-demo").query(q -> q.term(t -> t.field("source.as.number").value(15169)))).count()).isEqualTo(1);

        picocli.CommandLine cli = io.github.netblock.loader.cli.NetblockLoader.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(err));
        cli.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(cli.execute("setup", "--es", "http://127.0.0.1:9")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach Elasticsearch at http://127.0.0.1:9");
    }

    @Test
    void realWhoisObjectsGiveEachScannerAddressItsNarrowestBlockOwnerAndAbuseContact(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        io.github.netblock.it.demo.RealWhois.install(ES.node(), io.github.netblock.it.demo.RealWhois.build(dir));
        int sent = io.github.netblock.it.demo.RealWhois.ingest(ES.node().restClient(), Instant.parse("2026-11-26T12:00:00Z"));
        Map<String, io.github.netblock.it.demo.RealWhois.Row> rows = new java.util.HashMap<>();
        io.github.netblock.it.demo.RealWhois.rows(ES.node().restClient()).forEach(r -> rows.put(r.ip(), r));
        assertThat(rows).hasSize(10);
        assertThat(rows.values().stream().mapToLong(io.github.netblock.it.demo.RealWhois.Row::hits).sum()).isEqualTo(sent);
        // by hand from apnic.db.inetnum and apnic.db.irt: the /17 BORANET-NET-210-107 inside BORANET-KR, no org: so the
        // first descr: line is the owner, no abuse-c: so the abuse mailbox of its mnt-irt IRT-KRNIC-KR
        assertThat(rows.get("210.107.73.73")).isEqualTo(new io.github.netblock.it.demo.RealWhois.Row("210.107.73.73", rows.get("210.107.73.73").hits(),
                "210.107.0.0/17", "BORANET-NET-210-107", "DACOM Corp.", "hostmaster@nic.or.kr", "KR"));
        // ripe.db.inetnum: BT-CORPORATE 62.239.237.0/24, descr UDC, GB, no abuse-c (its abuse address is only in a remark)
        assertThat(rows.get("62.239.237.1")).isEqualTo(new io.github.netblock.it.demo.RealWhois.Row("62.239.237.1", rows.get("62.239.237.1").hits(),
                "62.239.237.0/24", "BT-CORPORATE", "UDC", "-", "GB"));
        String investigation = io.github.netblock.it.demo.RealWhois.investigation(ES.node().restClient(), "210.107.73.73");
        assertThat(investigation).contains("210.107.0.0 - 210.107.127.255  BORANET-NET-210-107")
                .contains("210.106.224.0 - 210.107.127.255  BORANET-KR")
                .contains("=> report abuse from 210.107.73.73 to hostmaster@nic.or.kr");
    }

    @Test
    void theResolveStepSaysPlainlyWhenDnsCannotBeReached(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        int closed; // a loopback port where nothing listens: every query is refused, as on a machine without DNS
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        String out = io.github.netblock.it.demo.LiveResolve.run(ES.node(), dir, List.of("--dns-server", "127.0.0.1:" + closed));
        assertThat((System.nanoTime() - t0) / 1_000_000).as("bounded by the deadline and timeouts").isLessThan(30_000);
        assertThat(out).contains("This machine could not reach DNS or the registries, so no PTR names or registrars are shown (")
                .contains("no DNS server answered any of 10 queries");
        assertThat(out.lines().count()).as("one heading, one sentence").isEqualTo(2);

        // a resolver that answers, NXDOMAIN for everything (as one that cannot reach the internet's reverse zones does)
        try (io.github.netblock.loader.testing.DnsFixture dns = new io.github.netblock.loader.testing.DnsFixture()) {
            String nx = io.github.netblock.it.demo.LiveResolve.run(ES.node(), dir, List.of("--dns-server", dns.address()));
            assertThat(nx).contains("This machine's DNS gave no PTR name for any of these addresses, not even for 2001:4860:4860::8888")
                    .contains("(reverse DNS: 10 asked, 0 answered, 10 NXDOMAIN or no PTR");
            assertThat(nx.lines().count()).isEqualTo(2);
        }
    }

    @Test
    void theResolveStepShowsOnlyWhatTheServersAnswered(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // loopback stand-ins for DNS and RDAP that answer for two of the real addresses; the rest get NXDOMAIN
        try (io.github.netblock.loader.testing.DnsFixture dns = new io.github.netblock.loader.testing.DnsFixture()
                .ptr("210.107.73.73", "scanner.example.com").ptr("74.125.225.229", "crawl-74.example.net");
             io.github.netblock.loader.testing.RdapFixture rdap = new io.github.netblock.loader.testing.RdapFixture()) {
            String[] verisign = {rdap.base("verisign")};
            rdap.domain("verisign", "example.com", io.github.netblock.loader.testing.RdapAnswers.domain("example.com",
                            "RESERVED-Internet Assigned Numbers Authority", 376))
                    .bootstrapFile("dns.json", io.github.netblock.loader.testing.RdapAnswers.bootstrap("dns", new String[][] {{"com", "net"}}, verisign))
                    // no real address in the address bootstraps: no network query could leave the machine (and --no-networks asks none)
                    .bootstrapFile("ipv4.json", io.github.netblock.loader.testing.RdapAnswers.bootstrap("ipv4", new String[][] {{"192.0.2.0/24"}}, verisign))
                    .bootstrapFile("ipv6.json", io.github.netblock.loader.testing.RdapAnswers.bootstrap("ipv6", new String[][] {{"2001:db8::/32"}}, verisign));
            String out = io.github.netblock.it.demo.LiveResolve.run(ES.node(), dir, List.of("--dns-server", dns.address(), "--refresh-bootstrap",
                    "--bootstrap-url", rdap.bootstrapUrl(), "--whois-server", "127.0.0.1:" + closedTcpPort(), "--rdap-rate", "50"));
            assertThat(out).contains("210.107.73.73", "scanner.example.com", "example.com", "RESERVED-Internet Assigned Numbers Authority (IANA 376)");
            // example.net: the fixture's verisign has no such domain (404): a negative answer, so no registrar is shown
            assertThat(out).containsPattern("74\\.125\\.225\\.229 +crawl-74\\.example\\.net +example\\.net +-\n");
            assertThat(out).containsPattern("62\\.239\\.237\\.1 +\\(no PTR name\\) +- +-\n");
            assertThat(out).contains("(2 names, 1 registrars found by this run)");
        }
    }

    private static int closedTcpPort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
