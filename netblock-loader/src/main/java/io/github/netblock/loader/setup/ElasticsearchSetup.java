package io.github.netblock.loader.setup;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Installs the component templates, index templates and pipelines into Elasticsearch 8.19 and 9.3 and
 * OpenSearch 3.3 (PUT: running it again changes nothing), as plain JSON through the low-level REST client,
 * the same requests on each. A pipeline whose processors the cluster lacks (grok needs ingest-common, netblock the
 * ingest-netblock plugin) is skipped with a message naming them instead of failing the setup.
 */
public final class ElasticsearchSetup {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ElasticsearchSetup() {}

    /** The index template whose pattern {@code --index-pattern} replaces. */
    public static final String ATTACKS_TEMPLATE = "netblock-attacks";
    /** The pipeline whose netblock processor {@code --attach} adds to {@code @custom} pipelines. */
    public static final String SOURCE_IP_PIPELINE = "netblock-source-ip";
    /** The component template whose {@code source} mappings {@code --attach} adds to {@code @custom} component templates. */
    public static final String SOURCE_MAPPINGS = "netblock-source";

    /**
     * @param indexPattern replaces the index pattern of the {@value #ATTACKS_TEMPLATE} template, or null
     * @return how many objects were installed
     */
    public static int install(ElasticsearchClient client, DashboardFiles files, String indexPattern, PrintWriter log) throws IOException {
        return install(new RestJson(((RestClientTransport) client._transport()).restClient()), files, indexPattern, log);
    }

    /**
     * @param indexPattern replaces the index pattern of the {@value #ATTACKS_TEMPLATE} template, or null
     * @return how many objects were installed
     */
    public static int install(RestJson client, DashboardFiles files, String indexPattern, PrintWriter log) throws IOException {
        int n = 0;
        for (DashboardFiles.Item t : files.componentTemplates()) {
            client.put("/_component_template/" + t.name(), t.json());
            log.printf("component template %s installed%n", t.name());
            n++;
        }
        for (DashboardFiles.Item t : files.indexTemplates()) {
            String json = t.json();
            if (indexPattern != null && t.name().equals(ATTACKS_TEMPLATE)) {
                ObjectNode o = (ObjectNode) JSON.readTree(json);
                ArrayNode patterns = o.putArray("index_patterns");
                patterns.add(indexPattern);
                json = JSON.writeValueAsString(o);
            }
            client.put("/_index_template/" + t.name(), json);
            log.printf("index template %s installed%n", t.name());
            n++;
        }
        removeFormerLogsTemplate(client, log);
        Set<String> available = processors(client);
        for (DashboardFiles.Item p : files.pipelines()) {
            Set<String> missing = new HashSet<>(processorsOf(JSON.readTree(p.json())));
            missing.removeAll(available);
            if (!missing.isEmpty()) {
                log.println(skipped(p.name(), missing));
                continue;
            }
            client.put("/_ingest/pipeline/" + p.name(), p.json());
            log.printf("pipeline %s installed%n", p.name());
            n++;
        }
        log.flush();
        return n;
    }

    /**
     * Earlier versions installed an index template {@code netblock-logs} for {@code logs-nginx.access-*} at
     * priority 200, which collides with (or shadows) Fleet's nginx template; {@code --attach} replaces it.
     */
    private static void removeFormerLogsTemplate(RestJson client, PrintWriter log) throws IOException {
        JsonNode got = client.get("/_index_template/netblock-logs");
        if (got == null) {
            return;
        }
        JsonNode description = got.at("/index_templates/0/index_template/_meta/description");
        if (description.isValueNode() && description.asText().contains("netblock processor")) {
            client.delete("/_index_template/netblock-logs");
            log.printf("index template netblock-logs of an earlier setup removed (use --attach logs@custom or logs-nginx.access@custom)%n");
        }
    }

    /** The processor {@code --attach} adds: the one of the {@value #SOURCE_IP_PIPELINE} pipeline. */
    public static ObjectNode attachedProcessor(DashboardFiles files) throws IOException {
        return (ObjectNode) JSON.readTree(files.pipeline(SOURCE_IP_PIPELINE)).path("processors").get(0);
    }

    /** The mappings {@code --attach} adds: those of {@code source} in the {@value #SOURCE_MAPPINGS} component template. */
    public static ObjectNode attachedMappings(DashboardFiles files) throws IOException {
        return (ObjectNode) JSON.readTree(files.componentTemplate(SOURCE_MAPPINGS)).at("/template/mappings/properties/source/properties");
    }

    /**
     * Why a pipeline is not installed: each processor type it uses that no ingest node has, and where that type comes
     * from. {@code netblock} is this project's plugin (ingest-netblock), missing from the nodes; every other type the
     * pipelines of {@code dashboards/} use (grok, date, remove, set) is ingest-common's, a module of the full
     * Elasticsearch and OpenSearch distributions.
     */
    static String skipped(String pipeline, Set<String> missing) {
        Set<String> others = new TreeSet<>(missing);
        boolean netblock = others.remove("netblock");
        List<String> reasons = new ArrayList<>();
        if (netblock) {
            reasons.add("no netblock processor: the ingest-netblock plugin is not installed on its ingest nodes (install it on each "
                    + "ingest node, restart them and run setup again)");
        }
        if (!others.isEmpty()) {
            reasons.add("no " + String.join(", ", others) + (others.size() == 1 ? " processor" : " processors") + " (ingest-common)");
        }
        return "pipeline " + pipeline + " skipped: this cluster has " + String.join(" and ", reasons)
                + (netblock ? "" : "; the other pipelines work");
    }

    /** Processor types some ingest node of the cluster has. */
    static Set<String> processors(RestJson client) throws IOException {
        return processorsOfNodes(client.get("/_nodes/ingest?filter_path=nodes.*.ingest.processors.type"));
    }

    /** The processor types of a {@code GET _nodes/ingest} answer (the same on Elasticsearch and OpenSearch). */
    static Set<String> processorsOfNodes(JsonNode nodesInfo) {
        Set<String> out = new HashSet<>();
        if (nodesInfo != null) {
            for (JsonNode node : nodesInfo.path("nodes")) {
                for (JsonNode p : node.path("ingest").path("processors")) {
                    out.add(p.path("type").asText());
                }
            }
        }
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
