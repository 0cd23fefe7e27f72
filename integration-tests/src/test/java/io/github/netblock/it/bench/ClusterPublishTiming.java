package io.github.netblock.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.netblock.it.harness.ElasticsearchCluster;
import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.it.harness.Platform;
import io.github.netblock.loader.publish.ClusterPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * How long {@code publish --es} takes until every node of a real 3-node Elasticsearch 8.19 cluster (512 MB heap each)
 * serves a database, for each file given ({@code -Dnetblock.bench.files=a.nbdb,b.nbdb}), and the largest heap in use
 * on any node afterwards: a file larger than a node's heap passes only if no node holds it whole. Prints one line
 * per file (see benchmarks/README.md, "Publishing into a cluster").
 */
public final class ClusterPublishTiming {
    private ClusterPublishTiming() {}

    public static void main(String[] args) throws Exception {
        String files = System.getProperty("netblock.bench.files");
        if (files == null || files.isBlank()) {
            throw new IllegalArgumentException("give -Dnetblock.bench.files=FILE.nbdb[,FILE.nbdb...]");
        }
        ObjectMapper json = new ObjectMapper();
        try (ElasticsearchCluster cluster = ElasticsearchCluster.start(Platform.ELASTICSEARCH_8_19, 3, new ElasticsearchNode.Options().name("bench"))) {
            ElasticsearchNode node0 = cluster.node(0);
            int round = 0;
            for (String f : files.split(",")) {
                Path file = Path.of(f.strip());
                try (RestClient rest = RestClient.builder(org.apache.http.HttpHost.create(node0.baseUrl())).build()) {
                    long start = System.nanoTime();
                    ClusterPublisher.Published p = new ClusterPublisher(rest, "bench" + round++).publish(file, 1.0);
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    long active = p.nodes().values().stream().filter(s -> s.status().equals("active")).count();
                    System.out.printf("%s: %,d bytes, %,d blocks -> active on %d of %d nodes in %,d ms (upload + check + fetch + check + swap on every node)%n",
                            file.getFileName(), Files.size(file), p.blocks(), active, p.nodes().size(), millis);
                    if (!p.failures().isEmpty()) {
                        System.out.println("  failures: " + p.failures());
                    }
                    JsonNode stats = json.readTree(rest.performRequest(new Request("GET", "/_nodes/stats/jvm")).getEntity().getContent());
                    Iterator<Map.Entry<String, JsonNode>> nodes = stats.path("nodes").fields();
                    while (nodes.hasNext()) {
                        JsonNode n = nodes.next().getValue();
                        System.out.printf("  %s: heap max %,d MB, old-generation peak %,d MB, heap used now %,d MB%n", n.path("name").asText(),
                                n.at("/jvm/mem/heap_max_in_bytes").asLong() >> 20, n.at("/jvm/mem/pools/old/peak_used_in_bytes").asLong() >> 20,
                                n.at("/jvm/mem/heap_used_in_bytes").asLong() >> 20);
                    }
                }
            }
        }
    }
}
