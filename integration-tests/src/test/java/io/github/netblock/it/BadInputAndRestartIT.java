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
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** Bad documents in a bulk request fail alone; a published database is loaded again after a restart. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.netblock.it.harness.Platforms#all")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputAndRestartIT {
    @RegisterExtension
    static final ElasticsearchNodeExtension ES = ElasticsearchNodeExtension.perPlatform(new ElasticsearchNode.Options().name("bad-input"));

    @Parameter
    Platform platform;

    @TempDir
    Path dir;

    private static Map<String, Object> source(Rest rest, String id) throws Exception {
        return rest.source("logs-bad", id);
    }

    @Test
    @Order(1)
    void theBulkResponseReportsExactlyTheBadItemsAndEveryGoodDocumentIsIndexed() throws Exception {
        Rest rest = Rest.of(ES.node());
        rest.put("/_ingest/pipeline/strict",
                "{\"processors\":[{\"netblock\":{\"field\":\"source.ip\",\"properties\":[\"netblock.name\",\"as.number\",\"geo.country_iso_code\"]}}]}");
        rest.put("/_ingest/pipeline/lenient",
                "{\"processors\":[{\"netblock\":{\"field\":\"source.ip\",\"ignore_missing\":true,\"first_only\":false,\"properties\":[\"netblock.name\",\"as.number\"]}}]}");
        // on_failure: a bad source.ip falls back to another field (the integ-test distributions have no
        // ingest-common processors, so the handler is a netblock processor too)
        rest.put("/_ingest/pipeline/fallback",
                "{\"processors\":[{\"netblock\":{\"field\":\"source.ip\",\"properties\":[\"as.number\"],"
                        + "\"on_failure\":[{\"netblock\":{\"field\":\"fallback_ip\",\"target_field\":\"fallback\",\"properties\":[\"as.number\"]}}]}}]}");
        List<Object[]> docs = List.of(
                new Object[] {"handled", "fallback", Map.of("source", Map.of("ip", "not-an-ip"), "fallback_ip", "8.8.8.8")},
                new Object[] {"v4", "strict", Map.of("source", Map.of("ip", "8.8.8.8"))},
                new Object[] {"bad-ip", "strict", Map.of("source", Map.of("ip", "8.8.8.888"))},
                new Object[] {"host-name", "strict", Map.of("source", Map.of("ip", "scanner.example.com"))},
                new Object[] {"missing", "strict", Map.of("message", "no ip here")},
                new Object[] {"missing-lenient", "lenient", Map.of("message", "no ip here")},
                new Object[] {"v6", "strict", Map.of("source", Map.of("ip", "2001:4860:4860::8888"))},
                new Object[] {"mapped", "strict", Map.of("source", Map.of("ip", "::ffff:8.8.8.8"))},
                new Object[] {"array", "lenient", Map.of("source", Map.of("ip", List.of("8.8.8.8", "10.1.2.3")))});
        StringBuilder bulk = new StringBuilder();
        for (Object[] d : docs) {
            Map<String, Object> action = new LinkedHashMap<>();
            action.put("_index", "logs-bad");
            action.put("_id", d[0]);
            action.put("pipeline", d[1]);
            bulk.append(Rest.line(Map.of("index", action))).append(Rest.line(d[2]));
        }
        JsonNode response = rest.bulk(bulk.toString());
        assertThat(response.path("errors").asBoolean()).as(response.toString()).isTrue();
        List<String> failed = new ArrayList<>();
        for (JsonNode item : response.get("items")) {
            if (item.get("index").has("error")) {
                failed.add(item.at("/index/_id").asText());
            }
        }
        assertThat(failed).containsExactly("bad-ip", "host-name", "missing");
        assertThat(response.at("/items/2/index/error/reason").asText()).contains("[8.8.8.888] is not an IP address");
        assertThat(response.at("/items/3/index/error/reason").asText()).contains("[scanner.example.com]");
        rest.refresh("logs-bad");
        assertThat(rest.count("logs-bad")).isEqualTo(6);
        Map<?, ?> handled = (Map<?, ?>) source(rest, "handled").get("fallback");
        assertThat(((Map<?, ?>) handled.get("as")).get("number")).isEqualTo(15169);

        Map<String, Object> v4 = source(rest, "v4");
        assertThat(((Map<?, ?>) ((Map<?, ?>) v4.get("source")).get("as")).get("number")).isEqualTo(15169);
        Map<?, ?> v6 = (Map<?, ?>) source(rest, "v6").get("source");
        assertThat(((Map<?, ?>) v6.get("as")).get("number")).isEqualTo(15169);
        Map<?, ?> mapped = (Map<?, ?>) source(rest, "mapped").get("source");
        assertThat(((Map<?, ?>) mapped.get("geo")).get("country_iso_code")).isEqualTo("US");
        assertThat(source(rest, "missing-lenient")).isEqualTo(Map.of("message", "no ip here"));
        // first_only=false: one entry per address, in field order (8.8.8.8 has an AS but no netname in
        // the bundled data, 10.1.2.3 a netname but no AS)
        Map<?, ?> array = (Map<?, ?>) source(rest, "array").get("source");
        // shared ECS fields become lists inside their object; the processor's own object a list of objects
        assertThat(java.util.Arrays.asList(((List<?>) ((Map<?, ?>) array.get("as")).get("number")).toArray()))
                .isEqualTo(java.util.Arrays.asList(15169, null));
        assertThat(java.util.Arrays.asList(((List<?>) array.get("netblock")).toArray())).isEqualTo(java.util.Arrays.asList(null, Map.of("name", "Private-Use")));
    }

    @Test
    @Order(2)
    void aPublishedDatabaseIsLoadedAgainAfterARestart() throws Exception {
        ElasticsearchNode node = ES.node();
        NetblockDatabaseBuilder b = new NetblockDatabaseBuilder().dataDate(Instant.now())
                .addSource(new SourceInfo("fixture", "test", null, null, 0));
        b.add(Netblock.builder("203.0.113.0/24").name("RESTART-NET").source("fixture").build());
        Path file = dir.resolve("restart.nbdb");
        b.build(file);
        node.publish(file, "restart");
        node.restart();
        lookup(node); // asserts the published database answers right after the restart
    }

    private static void lookup(ElasticsearchNode node) throws Exception {
        JsonNode body = Rest.of(node).get("/_netblock/lookup/203.0.113.5?database=restart");
        assertThat(body.get("netblocks")).as(body.toString()).hasSize(1);
        assertThat(body.at("/netblocks/0/name").asText()).isEqualTo("RESTART-NET");
    }
}
