package io.github.netblock.loader.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hook names setup accepts, the data streams each one serves (for the Kibana data view), and what attach and
 * detach do to the pipelines and component templates of a cluster (an in-memory one that keeps what it is sent).
 */
class CustomHooksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_APPLIED = "the netblock field mappings are not applied by any index template";

    private Cluster cluster;

    @BeforeEach
    void start() throws IOException {
        cluster = new Cluster();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }
    @Test
    void eachHookServesTheDataStreamsOfItsLevel() {
        assertThat(CustomHooks.dataStreamPattern("logs@custom")).isEqualTo("logs-*-*");
        assertThat(CustomHooks.dataStreamPattern("logs-nginx.access@custom")).isEqualTo("logs-nginx.access-*");
        assertThat(CustomHooks.dataStreamPattern("logs-nginx.integration@custom")).isEqualTo("logs-nginx.*-*");
        assertThat(CustomHooks.dataStreamPattern("global@custom")).isEqualTo("*-*-*");
    }

    @Test
    void onlyCustomHookNamesAreAccepted() {
        CustomHooks.checkName("logs@custom");
        for (String bad : new String[] {"@custom", "logs", "logs-nginx.access-1.20.0", "logs-*@custom", "a/b@custom", "a,b@custom"}) {
            assertThatThrownBy(() -> CustomHooks.checkName(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not an @custom pipeline name");
        }
    }

    @Test
    void onlyTypeAndDatasetHooksAreComposedByIndexTemplates() {
        assertThat(CustomHooks.mappingsApplied("logs@custom")).isTrue();
        assertThat(CustomHooks.mappingsApplied("logs-nginx.access@custom")).isTrue();
        assertThat(CustomHooks.mappingsApplied("metrics-system.cpu@custom")).isTrue();
        assertThat(CustomHooks.mappingsApplied("global@custom")).isFalse();
        assertThat(CustomHooks.mappingsApplied("logs-nginx.integration@custom")).isFalse();
    }

    @Test
    void globalAndIntegrationHooksGetTheProcessorAndNoComponentTemplateAndSaySo() throws Exception {
        for (String hook : List.of("global@custom", "logs-nginx.integration@custom")) {
            String log = attach(hook);
            JsonNode processors = cluster.pipelines.get(hook).path("processors");
            assertThat(processors).as(hook).hasSize(1);
            assertThat(processors.get(0).path("netblock").path("tag").asText()).isEqualTo(CustomHooks.TAG);
            assertThat(processors.get(0).path("netblock").path("field").asText()).isEqualTo("source.ip");
            assertThat(cluster.componentTemplates).as(hook).doesNotContainKey(hook);
            assertThat(cluster.requests).as(hook).noneMatch(r -> r.startsWith("PUT /_component_template/"));
            assertThat(log).as(hook)
                    .contains("component template " + hook + ": not created: no index template would use it")
                    .contains(hook + ": the netblock processor is attached, but " + NOT_APPLIED)
                    .contains("the data streams of " + CustomHooks.dataStreamPattern(hook))
                    .contains("a rollover does not change that")
                    .doesNotContain("get them at their next rollover")
                    .doesNotContain("field mappings added");
        }
        assertThat(attachLogOf("logs-nginx.integration@custom"))
                .contains("also --attach logs@custom (every logs-*-* data stream) or the dataset's --attach logs-nginx.DATASET@custom "
                        + "(e.g. logs-nginx.access@custom)");
        assertThat(attachLogOf("global@custom")).contains("also --attach TYPE@custom (e.g. logs@custom");
    }

    @Test
    void attachingAProcessorOnlyHookAgainChangesNothingAndDetachRemovesItAll() throws Exception {
        attach("global@custom");
        cluster.requests.clear();
        String again = attach("global@custom");
        assertThat(again).contains("pipeline global@custom: the netblock processor is already attached").contains(NOT_APPLIED);
        assertThat(cluster.requests).noneMatch(r -> r.startsWith("PUT ") || r.startsWith("DELETE "));

        String detached = detach("global@custom");
        assertThat(detached).contains("pipeline global@custom: deleted (setup had created it and nothing else is in it)")
                .contains("component template global@custom: does not exist, nothing to detach");
        assertThat(cluster.pipelines).isEmpty();
        assertThat(cluster.componentTemplates).isEmpty();
    }

    @Test
    void aUsersOwnProcessorInGlobalCustomSurvivesAttachAndDetach() throws Exception {
        ObjectNode theirs = (ObjectNode) JSON.readTree("{\"processors\":[{\"set\":{\"field\":\"labels.site\",\"value\":\"berlin\"}}]}");
        cluster.pipelines.put("global@custom", theirs.deepCopy());
        attach("global@custom");
        JsonNode processors = cluster.pipelines.get("global@custom").path("processors");
        assertThat(processors).hasSize(2);
        assertThat(processors.get(0)).isEqualTo(theirs.path("processors").get(0));
        assertThat(processors.get(1).has("netblock")).isTrue();
        detach("global@custom");
        assertThat(cluster.pipelines.get("global@custom")).isEqualTo(theirs);
    }

    @Test
    void aComponentTemplateAnEarlierSetupCreatedForGlobalIsRemovedByDetach() throws Exception {
        // what setup did before it knew no index template composes global@custom
        cluster.componentTemplates.put("global@custom", JSON.readTree("{\"template\":{\"mappings\":{\"properties\":{\"source\":"
                + "{\"properties\":{\"netblock\":{\"properties\":{\"name\":{\"type\":\"keyword\"}}}}}}}},"
                + "\"_meta\":{\"netblock_setup\":{\"created\":true,\"added_fields\":[\"source.netblock.name\"]}}}"));
        attach("global@custom");
        assertThat(cluster.componentTemplates).containsKey("global@custom"); // attach leaves it as it was
        String log = detach("global@custom");
        assertThat(log).contains("component template global@custom: deleted (setup had created it and nothing else is in it)");
        assertThat(cluster.componentTemplates).isEmpty();
        assertThat(cluster.pipelines).isEmpty();
    }

    @Test
    void typeAndDatasetHooksStillGetTheMappingsAtTheNextRollover() throws Exception {
        for (String hook : List.of("logs@custom", "logs-nginx.access@custom")) {
            String log = attach(hook);
            assertThat(cluster.pipelines).containsKey(hook);
            assertThat(cluster.componentTemplates.get(hook).path("template").path("mappings").path("properties").path("source")
                    .path("properties").path("netblock").path("properties").path("name").path("type").asText()).as(hook).isEqualTo("keyword");
            assertThat(log).as(hook).contains("component template " + hook + ": 2 netblock field mappings added (component template created)")
                    .contains("data streams of " + CustomHooks.dataStreamPattern(hook) + " get them at their next rollover")
                    .doesNotContain(NOT_APPLIED);
        }
    }

    private final Map<String, String> attachLogs = new ConcurrentHashMap<>();

    private String attachLogOf(String hook) {
        return attachLogs.get(hook);
    }

    private String attach(String hook) throws IOException {
        ObjectNode processor = (ObjectNode) JSON.readTree("{\"netblock\":{\"field\":\"source.ip\",\"ignore_missing\":true}}");
        ObjectNode mappings = (ObjectNode) JSON.readTree("{\"netblock\":{\"properties\":{\"name\":{\"type\":\"keyword\"},"
                + "\"range\":{\"type\":\"ip_range\"}}}}");
        String log = run(hooks -> hooks.attach(hook, processor, mappings));
        attachLogs.put(hook, log);
        return log;
    }

    private String detach(String hook) throws IOException {
        return run(hooks -> hooks.detach(hook));
    }

    private interface HookCall {
        void run(CustomHooks hooks) throws IOException;
    }

    private String run(HookCall call) throws IOException {
        StringWriter log = new StringWriter();
        try (RestClient rest = RestClient.builder(new HttpHost("127.0.0.1", cluster.port(), "http")).build();
             PrintWriter out = new PrintWriter(log)) {
            call.run(new CustomHooks(new RestJson(rest), out));
        }
        return log.toString();
    }

    /**
     * Pipelines and component templates kept in memory, answered as Elasticsearch answers GET, PUT and DELETE of
     * {@code _ingest/pipeline/NAME} (also {@code *@custom}) and {@code _component_template/NAME}, 404 for what it
     * does not hold. Not Elasticsearch: just what CustomHooks asks of it.
     */
    private static final class Cluster implements AutoCloseable {
        final Map<String, JsonNode> pipelines = new ConcurrentHashMap<>();
        final Map<String, JsonNode> componentTemplates = new ConcurrentHashMap<>();
        final List<String> requests = new CopyOnWriteArrayList<>();
        private final HttpServer http;

        Cluster() throws IOException {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            http.createContext("/", this::handle);
            http.start();
        }

        int port() {
            return http.getAddress().getPort();
        }

        private void handle(HttpExchange ex) throws IOException {
            try (ex) {
                String method = ex.getRequestMethod();
                String path = ex.getRequestURI().getPath();
                requests.add(method + " " + path);
                byte[] in = ex.getRequestBody().readAllBytes();
                Map<String, JsonNode> store;
                String name;
                if (path.startsWith("/_ingest/pipeline/")) {
                    store = pipelines;
                    name = path.substring("/_ingest/pipeline/".length());
                } else if (path.startsWith("/_component_template/")) {
                    store = componentTemplates;
                    name = path.substring("/_component_template/".length());
                } else {
                    send(ex, 400, "{\"error\":\"unexpected request " + method + " " + path + "\"}");
                    return;
                }
                switch (method) {
                    case "PUT" -> {
                        store.put(name, JSON.readTree(in));
                        send(ex, 200, "{\"acknowledged\":true}");
                    }
                    case "DELETE" -> send(ex, store.remove(name) == null ? 404 : 200, "{\"acknowledged\":true}");
                    case "GET" -> {
                        ObjectNode answer = JSON.createObjectNode();
                        String regex = name.replace(".", "\\.").replace("*", ".*");
                        store.forEach((k, v) -> {
                            if (k.matches(regex)) {
                                answer.set(k, v);
                            }
                        });
                        if (answer.isEmpty()) {
                            send(ex, 404, "{}");
                        } else if (store == pipelines) {
                            send(ex, 200, JSON.writeValueAsString(answer));
                        } else {
                            ObjectNode list = JSON.createObjectNode();
                            answer.fields().forEachRemaining(e -> list.withArray("component_templates").addObject()
                                    .put("name", e.getKey()).set("component_template", e.getValue()));
                            send(ex, 200, JSON.writeValueAsString(list));
                        }
                    }
                    default -> send(ex, 405, "{}");
                }
            }
        }

        private static void send(HttpExchange ex, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }
}
