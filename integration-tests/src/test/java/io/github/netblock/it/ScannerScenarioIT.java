package io.github.netblock.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.RegistrarEntry;
import io.github.netblock.index.model.ReverseDnsEntry;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.it.demo.AttackOrigins;
import io.github.netblock.it.demo.NginxAccessLog;
import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.it.harness.ElasticsearchNodeExtension;
import io.github.netblock.it.harness.Platform;
import io.github.netblock.it.harness.Rest;
import io.github.netblock.loader.setup.DashboardFiles;
import io.github.netblock.loader.setup.ElasticsearchSetup;
import io.github.netblock.loader.setup.RestJson;
import java.io.PrintWriter;
import java.io.Writer;
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
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.netblock.it.harness.Platforms#all")
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

    /**
     * The top 10 values of a field and their document counts, in the order of the terms aggregation. A long field's
     * bucket keys are JSON numbers (as text: "64500"), a keyword field's strings, on every platform.
     */
    private static Map<String, Long> terms(Rest rest, String field) throws Exception {
        JsonNode r = rest.post("/" + AttackOrigins.INDEX + "/_search",
                "{\"size\":0,\"aggs\":{\"t\":{\"terms\":{\"field\":\"" + field + "\",\"size\":10}}}}");
        JsonNode buckets = r.at("/aggregations/t/buckets");
        assertThat(buckets.isArray()).as("terms of %s: %s", field, r).isTrue();
        Map<String, Long> out = new LinkedHashMap<>();
        for (JsonNode b : buckets) {
            out.put(b.get("key").asText(), b.get("doc_count").asLong());
        }
        return out;
    }

    /**
     * The lines through the template's default pipeline, as {@link AttackOrigins#ingest} does it with the typed client:
     * no pipeline parameter, a bad line or document fails alone; the index refreshed after.
     */
    private static AttackOrigins.Ingested ingest(Rest rest, List<String> lines) throws Exception {
        List<String> failures = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        StringBuilder bulk = new StringBuilder();
        for (String line : lines) {
            Map<String, Object> doc;
            try {
                doc = NginxAccessLog.parse(line);
            } catch (IllegalArgumentException e) {
                failures.add(e.getMessage());
                continue;
            }
            sent.add(line);
            bulk.append(Rest.line(Map.of("index", Map.of("_index", AttackOrigins.INDEX)))).append(Rest.line(doc));
        }
        int indexed = 0;
        if (!sent.isEmpty()) {
            JsonNode items = rest.bulk(bulk.toString()).get("items");
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i).get("index");
                if (item.has("error")) {
                    failures.add(item.at("/error/reason").asText() + ": " + sent.get(i));
                } else {
                    indexed++;
                }
            }
        }
        rest.refresh(AttackOrigins.INDEX);
        return new AttackOrigins.Ingested(indexed, failures);
    }

    /** The properties of an object field of a mapping, which must be an object (no type, or "object"). */
    private static JsonNode objectProperties(JsonNode properties, String field) {
        JsonNode mapping = properties.path(field);
        assertThat(mapping.path("type").asText("object")).as("mapping of %s: %s", field, mapping).isEqualTo("object");
        assertThat(mapping.path("properties").isObject()).as("mapping of %s: %s", field, mapping).isTrue();
        return mapping.get("properties");
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
        Rest rest = Rest.of(node);
        // what `netblock-loader setup` installs, through the same plain-JSON code path it uses on every platform
        ElasticsearchSetup.install(new RestJson(node.restClient()), new DashboardFiles(Path.of(System.getProperty("netblock.dashboards"))),
                null, new PrintWriter(Writer.nullWriter()));
        for (int i = 0; i < 60 && !node.logContains("loaded netblock database [default]"); i++) {
            Thread.sleep(500);
        }
        AttackOrigins.Ingested result = ingest(rest, List.of(LOG));
        assertThat(result.failures()).isEmpty();
        assertThat(result.indexed()).isEqualTo(10);

        assertThat(terms(rest, "source.netblock.owner.name")).containsExactly(Map.entry("Scan Hosting Ltd", 6L), Map.entry("Dark Transit Inc", 4L));
        assertThat(terms(rest, "source.geo.country_iso_code")).containsExactly(Map.entry("NL", 6L), Map.entry("RU", 4L));
        assertThat(terms(rest, "source.as.number")).containsExactly(Map.entry("64500", 6L), Map.entry("64501", 4L));
        assertThat(terms(rest, "source.registrar.name")).containsExactly(Map.entry("MarkMonitor Inc.", 6L)); // the nameless scanner has none
        assertThat(terms(rest, "source.registered_domain")).containsExactly(Map.entry("example.com", 6L));
        assertThat(terms(rest, "source.netblock.abuse.email")).containsExactly(Map.entry("abuse@scanhosting.example", 6L));
        assertThat(terms(rest, "url.original")).containsEntry("/phpMyAdmin/scripts/setup.php", 3L);
        assertThat(terms(rest, "user_agent.original")).containsEntry("ZmEu", 8L);
        // ip_range: every hit whose netblock contains 203.0.113.100 (the non-prefix range 203.0.113.0 - .127)
        long inDark = rest.count(AttackOrigins.INDEX, "{\"term\":{\"source.netblock.range\":{\"value\":\"203.0.113.100\"}}}");
        assertThat(inDark).isEqualTo(4);
        long nowhere = rest.count(AttackOrigins.INDEX, "{\"term\":{\"source.netblock.range\":{\"value\":\"203.0.113.200\"}}}");
        assertThat(nowhere).isZero();
        // one key per block, so each document counts once
        assertThat(terms(rest, "source.netblock.key")).containsExactly(Map.entry("198.51.100.0/24", 6L), Map.entry("203.0.113.0/25", 4L));

        // {"netblock-attacks-demo": {"mappings": {"properties": {...}}}}, the same on the three platforms
        JsonNode mapping = rest.get("/" + AttackOrigins.INDEX + "/_mapping");
        assertThat(mapping.size()).as(mapping.toString()).isEqualTo(1);
        JsonNode source = objectProperties(mapping.elements().next().at("/mappings/properties"), "source");
        JsonNode netblock = objectProperties(source, "netblock");
        assertThat(netblock.at("/range/type").asText()).isEqualTo("ip_range");
        assertThat(netblock.at("/name/type").asText()).isEqualTo("keyword");
        assertThat(netblock.at("/last_modified/type").asText()).isEqualTo("date");
        assertThat(objectProperties(source, "as").at("/number/type").asText()).isEqualTo("long");
        List<String> missing = new ArrayList<>();
        for (String f : List.of("domain", "registered_domain", "top_level_domain", "registrar", "geo", "ip")) {
            if (!source.has(f)) {
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
        // {"fields": {"<field>": {"<type>": {"aggregatable": true, ...}}}}, the same on the three platforms
        JsonNode caps = Rest.of(ES.node()).get("/" + AttackOrigins.INDEX + "/_field_caps?fields="
                + java.net.URLEncoder.encode(String.join(",", fields), java.nio.charset.StandardCharsets.UTF_8)).path("fields");
        List<String> notAggregatable = new ArrayList<>();
        for (String f : fields) {
            JsonNode byType = caps.get(f);
            boolean aggregatable = byType != null && !byType.isEmpty();
            if (byType != null) {
                for (JsonNode c : byType) {
                    aggregatable &= c.path("aggregatable").asBoolean();
                }
            }
            if (!aggregatable) {
                notAggregatable.add(f);
            }
        }
        assertThat(notAggregatable).as("fields missing or not aggregatable in %s", AttackOrigins.INDEX).isEmpty();
    }
}
