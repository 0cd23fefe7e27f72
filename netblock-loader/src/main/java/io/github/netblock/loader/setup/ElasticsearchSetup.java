package io.github.netblock.loader.setup;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.nodes.info.NodeInfoIngestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * Installs the component templates, index templates and pipelines into Elasticsearch (PUT: running
 * it again changes nothing). A pipeline whose processors the cluster lacks (grok needs ingest-common)
 * is skipped with a message instead of failing the setup.
 */
public final class ElasticsearchSetup {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ElasticsearchSetup() {}

    /**
     * @param logsPattern replaces the index pattern of the {@code netblock-logs} template, or null
     * @return how many objects were installed
     */
    public static int install(ElasticsearchClient client, DashboardFiles files, String logsPattern, PrintWriter log) throws IOException {
        int n = 0;
        for (DashboardFiles.Item t : files.componentTemplates()) {
            client.cluster().putComponentTemplate(b -> b.name(t.name()).withJson(new StringReader(t.json())));
            log.printf("component template %s installed%n", t.name());
            n++;
        }
        for (DashboardFiles.Item t : files.indexTemplates()) {
            String json = t.json();
            if (logsPattern != null && t.name().equals("netblock-logs")) {
                ObjectNode o = (ObjectNode) JSON.readTree(json);
                ArrayNode patterns = o.putArray("index_patterns");
                patterns.add(logsPattern);
                json = JSON.writeValueAsString(o);
            }
            String body = json;
            client.indices().putIndexTemplate(b -> b.name(t.name()).withJson(new StringReader(body)));
            log.printf("index template %s installed%n", t.name());
            n++;
        }
        Set<String> available = processors(client);
        for (DashboardFiles.Item p : files.pipelines()) {
            Set<String> missing = new HashSet<>(processorsOf(JSON.readTree(p.json())));
            missing.removeAll(available);
            if (!missing.isEmpty()) {
                log.printf("pipeline %s skipped: this cluster has no %s processor (ingest-common); the other pipelines work%n",
                        p.name(), String.join(", ", missing));
                continue;
            }
            client.ingest().putPipeline(b -> b.id(p.name()).withJson(new StringReader(p.json())));
            log.printf("pipeline %s installed%n", p.name());
            n++;
        }
        log.flush();
        return n;
    }

    /** Processor types some ingest node of the cluster has. */
    static Set<String> processors(ElasticsearchClient client) throws IOException {
        Set<String> out = new HashSet<>();
        client.nodes().info(i -> i.metric("ingest")).nodes().values().forEach(node -> {
            if (node.ingest() != null) {
                for (NodeInfoIngestProcessor p : node.ingest().processors()) {
                    out.add(p.type());
                }
            }
        });
        return out;
    }

    /** Every processor type a pipeline uses, on_failure handlers included. */
    static Set<String> processorsOf(JsonNode pipeline) {
        Set<String> out = new HashSet<>();
        collect(pipeline.path("processors"), out);
        collect(pipeline.path("on_failure"), out);
        return out;
    }

    private static void collect(JsonNode processors, Set<String> out) {
        for (JsonNode p : processors) {
            Iterator<String> names = p.fieldNames();
            while (names.hasNext()) {
                String type = names.next();
                out.add(type);
                collect(p.get(type).path("on_failure"), out);
            }
        }
    }
}
