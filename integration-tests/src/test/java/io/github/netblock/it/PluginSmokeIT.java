package io.github.netblock.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.it.harness.ElasticsearchNodeExtension;
import io.github.netblock.it.harness.Platform;
import io.github.netblock.it.harness.Rest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Instant;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin zip built for each platform installed into a real node of that platform (Elasticsearch
 * 8.19.21, 9.3.2, OpenSearch 3.3.0), exercised through _simulate, the lookup and stats APIs and a publish.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.netblock.it.harness.Platforms#all")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginSmokeIT {
    @RegisterExtension
    static final ElasticsearchNodeExtension ES = ElasticsearchNodeExtension.perPlatform(new ElasticsearchNode.Options().name("smoke"));

    @Parameter
    Platform platform;

    @BeforeParameterizedClassInvocation
    static void start(Platform platform) throws Exception {
        ES.start(platform);
    }

    @AfterParameterizedClassInvocation
    static void stop() throws Exception {
        ES.stop();
    }

    @TempDir
    Path dir;

    private static JsonNode simulate(String processor, String... ips) throws IOException {
        StringBuilder docs = new StringBuilder();
        for (String ip : ips) {
            docs.append(docs.length() == 0 ? "" : ",").append("{\"_source\":{\"source\":{\"ip\":\"").append(ip).append("\"}}}");
        }
        return rest().post("/_ingest/pipeline/_simulate", "{\"pipeline\":{\"processors\":[{\"netblock\":" + processor + "}]},\"docs\":[" + docs + "]}")
                .get("docs");
    }

    private static Path database(Path file, String netname) throws IOException {
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder().dataDate(Instant.now())
                .addSource(new SourceInfo("fixture", "test", null, null, 0));
        b.add(Netblock.builder("203.0.113.0/24").name(netname).ownerName("Fixture Owner").country("NL").source("fixture").build());
        b.build(file);
        return file;
    }

    @Test
    @Order(1)
    void theBundledDatabaseAnnotatesPublicAndPrivateAddresses() throws IOException {
        // the node is of this invocation's platform, and the plugin built for that exact version is installed
        JsonNode local = get("/_nodes/_local/plugins").get("nodes").elements().next();
        assertThat(local.at("/version").asText()).isEqualTo(platform.version());
        JsonNode installed = local.at("/plugins/0");
        assertThat(installed.at("/name").asText()).isEqualTo("ingest-netblock");
        assertThat(installed.at("/" + platform.pluginVersionField()).asText()).isEqualTo(platform.version());
        assertThat(installed.at("/java_version").asText()).isEqualTo(platform == Platform.ELASTICSEARCH_8_19 ? "17" : "21");

        JsonNode docs = simulate("{\"field\":\"source.ip\"}", "8.8.8.8", "10.1.2.3", "not-an-ip");
        // asn-ipv4.csv: 8.8.8.0,8.8.8.255,15169,Google LLC; country csv: 6.0.0.0,8.10.5.255,US
        JsonNode google = docs.get(0).at("/doc/_source/source");
        assertThat(google.at("/as/number").asLong()).isEqualTo(15169);
        assertThat(google.at("/as/organization/name").asText()).isEqualTo("Google LLC");
        assertThat(google.at("/geo/country_iso_code").asText()).isEqualTo("US");
        // a routed range is no WHOIS netblock: public space gets no netblock object from the bundled data
        assertThat(google.has("netblock")).isFalse();
        // IANA special-purpose registry: 10.0.0.0/8 Private-Use
        JsonNode privateUse = docs.get(1).at("/doc/_source/source/netblock");
        assertThat(privateUse.at("/name").asText()).isEqualTo("Private-Use");
        assertThat(privateUse.at("/key").asText()).isEqualTo("10.0.0.0/8");
        assertThat(privateUse.at("/owner/name").asText()).isEqualTo("Internet Assigned Numbers Authority");
        // a bad document fails alone, naming its value
        assertThat(docs.get(2).at("/error/reason").asText()).contains("[not-an-ip]");
        // an unknown output property fails pipeline creation with its name (the core's check, the platform's 400)
        Rest.Refusal refused = rest().refused("PUT", "/_ingest/pipeline/bad-netblock",
                "{\"processors\":[{\"netblock\":{\"field\":\"source.ip\",\"properties\":[\"netblock.nope\"]}}]}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("netblock.nope");
    }

    @Test
    @Order(2)
    void aPublishedDatabaseIsLoadedWithoutRestartAndACorruptOneIsRejected() throws Exception {
        ElasticsearchNode node = ES.node();
        JsonNode before = simulate("{\"field\":\"source.ip\",\"database\":\"fixture\"}", "203.0.113.9");
        assertThat(before.get(0).at("/doc/_source/tags/0").asText()).isEqualTo("_netblock_database_unavailable");

        Path published = node.publish(database(dir.resolve("fixture.nbdb"), "FIXTURE-NET"), "fixture");
        JsonNode after = null;
        for (int i = 0; i < 60; i++) { // the watcher looks every second on test nodes (5 s by default)
            after = simulate("{\"field\":\"source.ip\",\"database\":\"fixture\"}", "203.0.113.9").get(0).at("/doc/_source/source");
            if (after.has("netblock")) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(after.at("/netblock/name").asText()).isEqualTo("FIXTURE-NET");
        assertThat(after.at("/netblock/owner/name").asText()).isEqualTo("Fixture Owner");

        Path corrupt = dir.resolve("corrupt.nbdb");
        byte[] bytes = Files.readAllBytes(published);
        bytes[bytes.length - 10] ^= 0x7f;
        Files.write(corrupt, bytes);
        node.publish(corrupt, "fixture");
        for (int i = 0; i < 60 && !node.logContains("rejected netblock database file"); i++) {
            Thread.sleep(500);
        }
        assertThat(node.logContains("rejected netblock database file")).isTrue();
        assertThat(node.logContains("checksum mismatch")).isTrue();
        JsonNode still = simulate("{\"field\":\"source.ip\",\"database\":\"fixture\"}", "203.0.113.9").get(0).at("/doc/_source/source");
        assertThat(still.at("/netblock/name").asText()).isEqualTo("FIXTURE-NET");
    }

    private static Rest rest() {
        return Rest.of(ES.node());
    }

    private static JsonNode get(String path) throws IOException {
        return rest().get(path);
    }

    @Test
    @Order(3)
    void theLookupApiListsEveryContainingBlockAndTheStatsApiCountsAndReportsRejections() throws IOException {
        JsonNode google = get("/_netblock/lookup/8.8.8.8");
        assertThat(google.at("/ip").asText()).isEqualTo("8.8.8.8");
        assertThat(google.at("/database").asText()).isEqualTo("default");
        assertThat(google.at("/as/number").asLong()).isEqualTo(15169);
        assertThat(google.at("/as/organization/name").asText()).isEqualTo("Google LLC");
        assertThat(google.at("/geo/country_iso_code").asText()).isEqualTo("US");
        assertThat(google.at("/netblocks").size()).isZero();
        // 192.0.0.9/32 inside 192.0.0.0/24 in the IANA registry: both, narrowest first
        JsonNode pcp = get("/_netblock/lookup/192.0.0.9");
        assertThat(pcp.at("/netblocks/0/name").asText()).isEqualTo("Port Control Protocol Anycast");
        assertThat(pcp.at("/netblocks/1/name").asText()).isEqualTo("IETF Protocol Assignments");
        JsonNode v6 = get("/_netblock/lookup/2001:db8::1?database=default");
        assertThat(v6.at("/netblocks/0/name").asText()).isEqualTo("Documentation");

        Rest.Refusal bad = rest().refused("GET", "/_netblock/lookup/not-an-ip", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("[not-an-ip] is not an IP address");
        assertThat(rest().refused("GET", "/_netblock/lookup/8.8.8.8?database=nope", null).status()).isEqualTo(404);

        // no address: a 400 that says what is missing (it was a 405 naming a method that failed too)
        for (String method : List.of("GET", "POST")) {
            for (String path : List.of("/_netblock/lookup/", "/_netblock/lookup")) {
                Rest.Refusal none = rest().refused(method, path, null);
                assertThat(none.status()).as(method + " " + path).isEqualTo(400);
                assertThat(none.body()).contains("an IP address is required");
            }
        }
        assertThat(rest().post("/_netblock/lookup/192.0.0.9", null).at("/netblocks/0/cidr/0").asText()).isEqualTo("192.0.0.9/32");
        assertThat(get("/_netblock/lookup?ip=" + URLEncoder.encode("\u00a02001:db8::1\u2003", StandardCharsets.UTF_8)).at("/netblocks/0/name").asText())
                .isEqualTo("Documentation");

        JsonNode stats = get("/_netblock/stats");
        assertThat(stats.at("/_nodes/successful").asInt()).isEqualTo(1);
        JsonNode node = stats.get("nodes").elements().next();
        assertThat(node.at("/name").asText()).isEqualTo("smoke");
        JsonNode bundled = null;
        for (JsonNode db : node.get("databases")) {
            if (db.get("name").asText().equals("default")) {
                bundled = db;
            }
        }
        assertThat(bundled).isNotNull();
        assertThat(bundled.at("/bundled").asBoolean()).isTrue();
        assertThat(bundled.at("/data_date").asText()).isEqualTo("2026-06-17T00:00:00Z");
        assertThat(bundled.at("/sources/0/name").asText()).isEqualTo("iana-special-purpose");
        assertThat(bundled.at("/checksum").asText()).hasSize(8);
        // 8.8.8.8 and 10.1.2.3 simulated (not-an-ip fails before any lookup), then 8.8.8.8, 192.0.0.9, 2001:db8::1,
        // 192.0.0.9 by POST and 2001:db8::1 by parameter
        assertThat(bundled.at("/lookups").asLong()).isEqualTo(7);
        assertThat(bundled.at("/hits").asLong()).isEqualTo(7);
        assertThat(bundled.has("file")).isFalse(); // the bundled database has no file of the operator's
        assertThat(node.at("/rejected_files").asLong()).isEqualTo(1);
        assertThat(node.at("/reloads").asLong()).isEqualTo(1);
        assertThat(node.at("/recent_rejections/0/reason").asText()).contains("checksum mismatch");
    }

    @Test
    @Order(4)
    void aBulkRequestIndexesEveryGoodDocumentAndFailsTheBadOneAlone() throws IOException {
        rest().put("/_ingest/pipeline/smoke-netblock", "{\"processors\":[{\"netblock\":{\"field\":\"source.ip\"}}]}");
        JsonNode res = rest().bulk("/smoke-bulk/_bulk?pipeline=smoke-netblock&refresh=true",
                "{\"index\":{\"_id\":\"1\"}}\n{\"source\":{\"ip\":\"8.8.8.8\"}}\n"
                + "{\"index\":{\"_id\":\"2\"}}\n{\"source\":{\"ip\":\"not-an-ip\"}}\n"
                + "{\"index\":{\"_id\":\"3\"}}\n{\"source\":{\"ip\":\"10.1.2.3\"}}\n");
        assertThat(res.at("/errors").asBoolean()).isTrue();
        assertThat(res.at("/items/0/index/status").asInt()).isEqualTo(201);
        assertThat(res.at("/items/1/index/status").asInt()).isEqualTo(400);
        assertThat(res.at("/items/1/index/error/reason").asText()).contains("[not-an-ip]");
        assertThat(res.at("/items/2/index/status").asInt()).isEqualTo(201);
        // the same values as the bundled database gave through _simulate above
        JsonNode google = get("/smoke-bulk/_doc/1").at("/_source/source");
        assertThat(google.at("/as/number").asLong()).isEqualTo(15169);
        assertThat(google.at("/geo/country_iso_code").asText()).isEqualTo("US");
        assertThat(get("/smoke-bulk/_doc/3").at("/_source/source/netblock/name").asText()).isEqualTo("Private-Use");
        assertThat(get("/smoke-bulk/_count").at("/count").asLong()).isEqualTo(2);
        if (platform == Platform.ELASTICSEARCH_9_3) {
            // 9.x's flexible field access: a dotted path where no object exists is a flat key, and the processor writes
            // as that pattern does (the documents above, classic, got the objects source.as and source.geo)
            JsonNode flexible = rest().post("/_ingest/pipeline/_simulate", "{\"pipeline\":{\"field_access_pattern\":\"flexible\","
                    + "\"processors\":[{\"netblock\":{\"field\":\"source.ip\"}}]},\"docs\":[{\"_source\":{\"source\":{\"ip\":\"8.8.8.8\"}}}]}")
                    .at("/docs/0/doc/_source/source");
            assertThat(flexible.get("as.number").asLong()).as(flexible.toString()).isEqualTo(15169);
            assertThat(flexible.get("as.organization.name").asText()).isEqualTo("Google LLC");
            assertThat(flexible.get("geo.country_iso_code").asText()).isEqualTo("US");
            assertThat(flexible.has("as")).isFalse();
        }
    }
}
