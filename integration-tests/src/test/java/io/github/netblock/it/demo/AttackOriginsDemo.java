package io.github.netblock.it.demo;

import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.it.harness.ElasticsearchNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The README's main job: a real node with the plugin and its bundled database annotates a sample
 * scanner log, then the attack origins are summarised from aggregations. The node keeps running.
 *
 * <p>Run by {@code ./demo.sh}; system properties as for the integration tests, plus
 * {@code netblock.bundled.db} (to draw attacker addresses) and {@code netblock.dashboards}.
 */
public final class AttackOriginsDemo {
    private AttackOriginsDemo() {}

    public static void main(String[] args) throws Exception {
        Path dashboards = Path.of(System.getProperty("netblock.dashboards", "dashboards"));
        Path bundled = Path.of(System.getProperty("netblock.bundled.db"));
        Path logFile = Path.of(System.getProperty("netblock.demo.log", "integration-tests/target/demo/scanner-access.log"));
        int lines = Integer.getInteger("netblock.demo.lines", 3000);

        List<String> log;
        try (NetblockDatabase db = NetblockDatabase.open(bundled)) {
            log = SampleAttackLog.generate(db, lines, Instant.now().truncatedTo(ChronoUnit.SECONDS), 20261126L);
        }
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Files.write(logFile, log);
        System.out.println("sample attack log: " + logFile.toAbsolutePath() + " (" + log.size() + " nginx lines)");

        System.out.println("starting Elasticsearch 8.19.21 with the ingest-netblock plugin ...");
        ElasticsearchNode node = ElasticsearchNode.start(new ElasticsearchNode.Options().name("demo"));
        AttackOrigins.install(node.client(), dashboards);
        AttackOrigins.Ingested result = AttackOrigins.ingest(node.client(), log);
        System.out.println("indexed " + result.indexed() + " documents into " + AttackOrigins.INDEX + " through pipeline "
                + AttackOrigins.PIPELINE + (result.failures().isEmpty() ? "" : ", " + result.failures().size() + " failed, first: "
                + result.failures().get(0)));
        System.out.println();
        System.out.println(AttackOrigins.summary(node.client()));

        // what no geoip anchor gives: owners and abuse contacts of the narrowest blocks, from real WHOIS objects
        try {
            Path realWhois = RealWhois.build(Files.createDirectories(logFile.toAbsolutePath().getParent().resolve("realwhois")));
            RealWhois.install(node, realWhois);
            RealWhois.ingest(node.restClient(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
            System.out.println(RealWhois.table(node.restClient()));
            System.out.println(RealWhois.investigation(node.restClient(), RealWhois.INVESTIGATED));
        } catch (Exception e) { // the node keeps running either way, and the lines below say how to stop it
            System.out.println("the real-WHOIS part failed: " + e.getMessage());
            System.out.println();
        }
        // PTR names and registrars where this machine reaches DNS and RDAP, said plainly where it does not
        try {
            System.out.println(LiveResolve.run(node, Files.createDirectories(logFile.toAbsolutePath().getParent().resolve("realwhois")), List.of()));
        } catch (Exception e) {
            System.out.println("the resolve step failed: " + e.getMessage());
            System.out.println();
        }
        System.out.println("Elasticsearch listens on " + node.baseUrl() + " (home " + node.home() + ")");
        System.out.println("  try:  curl '" + node.baseUrl() + "/_netblock/lookup/" + log.get(log.size() - 1).split(" ")[0] + "?pretty'");
        System.out.println("        curl '" + node.baseUrl() + "/_netblock/lookup/" + RealWhois.INVESTIGATED + "?database=" + RealWhois.DATABASE + "&pretty'");
        System.out.println("        curl '" + node.baseUrl() + "/" + AttackOrigins.INDEX + "/_search?size=1&pretty'");
        System.out.println("  stop: kill $(cat " + node.home().resolve("es.pid") + ") && rm -rf " + node.home());
        node.detach();
    }
}
