package io.github.netblock.it;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.it.harness.ElasticsearchNodeExtension;
import io.github.netblock.it.harness.Platform;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
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
@ParameterizedClass
@MethodSource("io.github.netblock.it.harness.Platforms#elasticsearchClient") // not OpenSearch: see there
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputAndRestartIT {
    @RegisterExtension
    static final ElasticsearchNodeExtension ES = ElasticsearchNodeExtension.perPlatform(new ElasticsearchNode.Options().name("bad-input"));

    @Parameter
    Platform platform;

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> source(ElasticsearchClient client, String id) throws Exception {
        GetResponse<Map> r = client.get(g -> g.index("logs-bad").id(id), Map.class);
        return (Map<String, Object>) r.source();
    }

    @Test
    @Order(1)
    void theBulkResponseReportsExactlyTheBadItemsAndEveryGoodDocumentIsIndexed() throws Exception {
        ElasticsearchClient client = ES.node().client();
        client.ingest().putPipeline(p -> p.id("strict").withJson(new StringReader(
                "{\"processors\":[{\"netblock\":{\"field\":\"source.ip\",\"properties\":[\"netblock.name\",\"as.number\",\"geo.country_iso_code\"]}}]}")));
        client.ingest().putPipeline(p -> p.id("lenient").withJson(new StringReader(
                "{\"processors\":[{\"netblock\":{\"field\":\"source.ip\",\"ignore_missing\":true,\"first_only\":false,\"properties\":[\"netblock.name\",\"as.number\"]}}]}")));
        // on_failure: a bad source.ip falls back to another field (the integ-test distribution has no
        // ingest-common processors, so the handler is a netblock processor too)
        client.ingest().putPipeline(p -> p.id("fallback").withJson(new StringReader(
                "{\"processors\":[{\"netblock\":{\"field\":\"source.ip\",\"properties\":[\"as.number\"],"
                        + "\"on_failure\":[{\"netblock\":{\"field\":\"fallback_ip\",\"target_field\":\"fallback\",\"properties\":[\"as.number\"]}}]}}]}")));
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
        BulkResponse response = client.bulk(b -> {
            for (Object[] d : docs) {
                b.operations(op -> op.index(i -> i.index("logs-bad").id((String) d[0]).pipeline((String) d[1]).document(d[2])));
            }
            return b;
        });
        assertThat(response.errors()).isTrue();
        List<String> failed = response.items().stream().filter(i -> i.error() != null).map(BulkResponseItem::id).toList();
        assertThat(failed).containsExactly("bad-ip", "host-name", "missing");
        assertThat(response.items().get(2).error().reason()).contains("[8.8.8.888] is not an IP address");
        assertThat(response.items().get(3).error().reason()).contains("[scanner.example.com]");
        client.indices().refresh(r -> r.index("logs-bad"));
        assertThat(client.count(c -> c.index("logs-bad")).count()).isEqualTo(6);
        Map<?, ?> handled = (Map<?, ?>) source(client, "handled").get("fallback");
        assertThat(((Map<?, ?>) handled.get("as")).get("number")).isEqualTo(15169);

        Map<String, Object> v4 = source(client, "v4");
        assertThat(((Map<?, ?>) ((Map<?, ?>) v4.get("source")).get("as")).get("number")).isEqualTo(15169);
        Map<?, ?> v6 = (Map<?, ?>) source(client, "v6").get("source");
        assertThat(((Map<?, ?>) v6.get("as")).get("number")).isEqualTo(15169);
        Map<?, ?> mapped = (Map<?, ?>) source(client, "mapped").get("source");
        assertThat(((Map<?, ?>) mapped.get("geo")).get("country_iso_code")).isEqualTo("US");
        assertThat(source(client, "missing-lenient")).isEqualTo(Map.of("message", "no ip here"));
        // first_only=false: one entry per address, in field order (8.8.8.8 has an AS but no netname in
        // the bundled data, 10.1.2.3 a netname but no AS)
        Map<?, ?> array = (Map<?, ?>) source(client, "array").get("source");
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

    @SuppressWarnings("unchecked")
    private static void lookup(ElasticsearchNode node) throws Exception {
        var res = node.restClient().performRequest(new org.elasticsearch.client.Request("GET", "/_netblock/lookup/203.0.113.5?database=restart"));
        Map<String, Object> body = new com.fasterxml.jackson.databind.ObjectMapper().readValue(res.getEntity().getContent(), Map.class);
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) body.get("netblocks");
        assertThat(blocks).hasSize(1);
        assertThat(blocks.get(0).get("name")).isEqualTo("RESTART-NET");
    }
}
