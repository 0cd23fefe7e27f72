package io.github.netblock.it;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.aggregations.LongTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.indices.get_mapping.IndexMappingRecord;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.RegistrarEntry;
import io.github.netblock.index.model.ReverseDnsEntry;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.it.demo.AttackOrigins;
import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.it.harness.ElasticsearchNodeExtension;
import io.github.netblock.it.harness.Platform;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scanner scenario: nginx lines of vulnerability scanners from two fixture netblocks (one whose
 * scanner has a PTR name and a registrar, one without any DNS name) go through the pipeline with
 * {@code _bulk}; searches and aggregations by owner, country, AS, registrar and netblock range give
 * the answers the fixture implies, and the index template maps the new fields.
 */
@ParameterizedClass
@MethodSource("io.github.netblock.it.harness.Platforms#elasticsearchClient") // not OpenSearch: see there
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ScannerScenarioIT {
    @RegisterExtension
    static final ElasticsearchNodeExtension ES = ElasticsearchNodeExtension.perPlatform(new ElasticsearchNode.Options().name("scanner"));

    @Parameter
    Platform platform;

    @TempDir
    Path dir;

    /** 6 requests from the scanner with a name, 4 from the one without. */
    private static final String[] LOG = {
        "198.51.100.7 - - [26/Nov/2026:03:14:07 +0000] \"GET /phpMyAdmin/scripts/setup.php HTTP/1.1\" 404 143 \"-\" \"ZmEu\"",
        "198.51.100.7 - - [26/Nov/2026:03:14:08 +0000] \"GET /pma/scripts/setup.php HTTP/1.1\" 404 143 \"-\" \"ZmEu\"",
        "198.51.100.7 - - [26/Nov/2026:03:14:09 +0000] \"GET /myadmin/scripts/setup.php HTTP/1.1\" 404 143 \"-\" \"ZmEu\"",
        "198.51.100.7 - - [26/Nov/2026:03:14:10 +0000] \"GET /MyAdmin/scripts/setup.php HTTP/1.1\" 404 143 \"-\" \"ZmEu\"",
        "198.51.100.7 - - [26/Nov/2026:03:14:11 +0000] \"GET /phpmyadmin/scripts/setup.php HTTP/1.1\" 404 143 \"-\" \"ZmEu\"",
        "198.51.100.7 - - [26/Nov/2026:03:14:12 +0000] \"GET /phpMyAdmin/scripts/setup.php HTTP/1.1\" 404 143 \"-\" \"ZmEu\"",
        "203.0.113.66 - - [26/Nov/2026:04:00:00 +0000] \"GET /phpMyAdmin/scripts/setup.php HTTP/1.1\" 404 143 \"-\" \"ZmEu\"",
        "203.0.113.66 - - [26/Nov/2026:04:00:01 +0000] \"GET /pma/scripts/setup.php HTTP/1.1\" 404 143 \"-\" \"ZmEu\"",
        "203.0.113.66 - - [26/Nov/2026:04:00:02 +0000] \"GET /myadmin/scripts/setup.php HTTP/1.1\" 404 143 \"-\" \"Mozilla/5.0 zgrab/0.x\"",
        "203.0.113.66 - - [26/Nov/2026:04:00:03 +0000] \"GET /MyAdmin/scripts/setup.php HTTP/1.1\" 404 143 \"-\" \"Mozilla/5.0 zgrab/0.x\"",
    };

    private static Map<String, Long> terms(ElasticsearchClient client, String field) throws Exception {
        SearchResponse<Void> r = client.search(s -> s.index(AttackOrigins.INDEX).size(0)
                .aggregations("t", a -> a.terms(t -> t.field(field).size(10))), Void.class);
        Map<String, Long> out = new LinkedHashMap<>();
        var agg = r.aggregations().get("t");
        if (agg.isLterms()) {
            for (LongTermsBucket b : agg.lterms().buckets().array()) {
                out.put(String.valueOf(b.key()), b.docCount());
            }
        } else {
            for (StringTermsBucket b : agg.sterms().buckets().array()) {
                out.put(b.key().stringValue(), b.docCount());
            }
        }
        return out;
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void scannerHitsAreAnnotatedSearchableAndAggregatable() throws Exception {
        ElasticsearchNode node = ES.node();
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder().dataDate(Instant.now())
                .addSource(new SourceInfo("fixture", "rpsl", "1", Instant.now(), 0));
        b.add(Netblock.builder("198.51.100.0/24").name("SCAN-HOSTING").ownerId("ORG-SH1-RIPE").ownerName("Scan Hosting Ltd")
                .country("NL").abuseEmail("abuse@scanhosting.example").registry("RIPE").asNumber(64500L).asName("SCANHOST-AS")
                .status("ASSIGNED PA").lastModified(Instant.parse("2024-05-01T00:00:00Z")).source("fixture").build());
        b.add(Netblock.builder("203.0.113.0 - 203.0.113.127").name("DARK-NET").ownerName("Dark Transit Inc")
                .country("RU").asNumber(64501L).asName("DARK-AS").registry("RIPE").source("fixture").build());
        b.addReverseDns(new ReverseDnsEntry(IpAddress.parse("198.51.100.7"), "scanner7.scanhosting.example.com", null, null,
                "example.com", "com"));
        b.addRegistrar(new RegistrarEntry("example.com", "MarkMonitor Inc.", 292L));
        Path db = dir.resolve("scanners.nbdb");
        b.build(db);
        node.publish(db, "default"); // replaces the bundled database on this node
        ElasticsearchClient client = node.client();
        AttackOrigins.install(client, Path.of(System.getProperty("netblock.dashboards")));
        for (int i = 0; i < 60 && !node.logContains("loaded netblock database [default]"); i++) {
            Thread.sleep(500);
        }
        AttackOrigins.Ingested result = AttackOrigins.ingest(client, List.of(LOG));
        assertThat(result.failures()).isEmpty();
        assertThat(result.indexed()).isEqualTo(10);

        assertThat(terms(client, "source.netblock.owner.name")).containsExactly(Map.entry("Scan Hosting Ltd", 6L), Map.entry("Dark Transit Inc", 4L));
        assertThat(terms(client, "source.geo.country_iso_code")).containsExactly(Map.entry("NL", 6L), Map.entry("RU", 4L));
        assertThat(terms(client, "source.as.number")).containsExactly(Map.entry("64500", 6L), Map.entry("64501", 4L));
        assertThat(terms(client, "source.registrar.name")).containsExactly(Map.entry("MarkMonitor Inc.", 6L)); // the nameless scanner has none
        assertThat(terms(client, "source.registered_domain")).containsExactly(Map.entry("example.com", 6L));
        assertThat(terms(client, "source.netblock.abuse.email")).containsExactly(Map.entry("abuse@scanhosting.example", 6L));
        assertThat(terms(client, "url.original")).containsEntry("/phpMyAdmin/scripts/setup.php", 3L);
        assertThat(terms(client, "user_agent.original")).containsEntry("ZmEu", 8L);
        // ip_range: every hit whose netblock contains 203.0.113.100 (the non-prefix range 203.0.113.0 - .127)
        long inDark = client.count(c -> c.index(AttackOrigins.INDEX).query(q -> q.term(t -> t.field("source.netblock.range").value("203.0.113.100")))).count();
        assertThat(inDark).isEqualTo(4);
        long nowhere = client.count(c -> c.index(AttackOrigins.INDEX).query(q -> q.term(t -> t.field("source.netblock.range").value("203.0.113.200")))).count();
        assertThat(nowhere).isZero();
        // one key per block, so each document counts once
        assertThat(terms(client, "source.netblock.key")).containsExactly(Map.entry("198.51.100.0/24", 6L), Map.entry("203.0.113.0/25", 4L));

        Map<String, IndexMappingRecord> mapping = client.indices().getMapping(m -> m.index(AttackOrigins.INDEX)).result();
        Map<String, Property> source = mapping.values().iterator().next().mappings().properties().get("source").object().properties();
        Map<String, Property> netblock = source.get("netblock").object().properties();
        assertThat(netblock.get("range").isIpRange()).isTrue();
        assertThat(netblock.get("name").isKeyword()).isTrue();
        assertThat(netblock.get("last_modified").isDate()).isTrue();
        assertThat(source.get("as").object().properties().get("number").isLong()).isTrue();
        List<String> missing = new ArrayList<>();
        for (String f : List.of("domain", "registered_domain", "top_level_domain", "registrar", "geo", "ip")) {
            if (!source.containsKey(f)) {
                missing.add(f);
            }
        }
        assertThat(missing).isEmpty();
    }

    /** Every field the Kibana objects use is aggregatable in an index the template created and the pipeline filled. */
    @Test
    @org.junit.jupiter.api.Order(2)
    void everyDashboardFieldIsAggregatable() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.Set<String> fields = new java.util.TreeSet<>();
        for (String line : java.nio.file.Files.readAllLines(Path.of(System.getProperty("netblock.dashboards"), "kibana/netblock-dashboards.ndjson"))) {
            var o = json.readTree(line);
            if (o.get("type").asText().equals("dashboard")) {
                json.readTree(o.at("/attributes/panelsJSON").asText()).findValues("sourceField").stream()
                        .map(com.fasterxml.jackson.databind.JsonNode::asText).filter(f -> !f.equals("___records___")).forEach(fields::add);
            }
            if (o.get("type").asText().equals("search")) {
                o.at("/attributes/columns").forEach(c -> fields.add(c.asText()));
            }
        }
        assertThat(fields).hasSizeGreaterThan(10);
        ElasticsearchClient client = ES.node().client();
        var caps = client.fieldCaps(f -> f.index(AttackOrigins.INDEX).fields(new ArrayList<>(fields))).fields();
        List<String> notAggregatable = new ArrayList<>();
        for (String f : fields) {
            var byType = caps.get(f);
            if (byType == null || byType.values().stream().anyMatch(c -> !c.aggregatable())) {
                notAggregatable.add(f);
            }
        }
        assertThat(notAggregatable).as("fields missing or not aggregatable in %s", AttackOrigins.INDEX).isEmpty();
    }
}
