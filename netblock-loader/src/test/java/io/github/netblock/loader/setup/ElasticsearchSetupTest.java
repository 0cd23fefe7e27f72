package io.github.netblock.loader.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline whose processors no ingest node has is skipped with a message that names each missing type and where it
 * comes from: the ingest-netblock plugin for {@code netblock}, ingest-common for grok and the others.
 */
class ElasticsearchSetupTest {
    @TempDir
    Path dir;

    @Test
    void theMessageNamesTheMissingPluginOrModule() {
        assertThat(ElasticsearchSetup.skipped("netblock-source-ip", Set.of("netblock"))).isEqualTo(
                "pipeline netblock-source-ip skipped: this cluster has no netblock processor: the ingest-netblock plugin is not "
                        + "installed on its ingest nodes (install it on each ingest node, restart them and run setup again)");
        assertThat(ElasticsearchSetup.skipped("nginx-access-raw", Set.of("set", "grok", "date"))).isEqualTo(
                "pipeline nginx-access-raw skipped: this cluster has no date, grok, set processors (ingest-common); the other pipelines work");
        assertThat(ElasticsearchSetup.skipped("nginx-access-raw", Set.of("grok"))).isEqualTo(
                "pipeline nginx-access-raw skipped: this cluster has no grok processor (ingest-common); the other pipelines work");
        assertThat(ElasticsearchSetup.skipped("nginx-access-raw", Set.of("grok", "netblock"))).isEqualTo(
                "pipeline nginx-access-raw skipped: this cluster has no netblock processor: the ingest-netblock plugin is not "
                        + "installed on its ingest nodes (install it on each ingest node, restart them and run setup again) "
                        + "and no grok processor (ingest-common)");
    }

    @Test
    void withoutTheNetblockPluginNoPipelineIsInstalledAndSetupSaysTheCause() throws Exception {
        Node node = new Node("[{\"type\":\"grok\"},{\"type\":\"set\"}]"); // ingest-common, no ingest-netblock
        try (node) {
            String log = install(node);
            assertThat(log).contains("pipeline netblock-source-ip skipped: this cluster has no netblock processor: the ingest-netblock plugin "
                    + "is not installed on its ingest nodes");
            assertThat(log).contains("pipeline nginx-access-raw skipped: this cluster has no netblock processor: the ingest-netblock plugin");
            assertThat(log).doesNotContain("ingest-common").doesNotContain("the other pipelines work");
            assertThat(node.requests).noneMatch(r -> r.startsWith("PUT /_ingest/pipeline/"));
        }
    }

    @Test
    void withoutIngestCommonOnlyThePipelineThatNeedsItIsSkipped() throws Exception {
        Node node = new Node("[{\"type\":\"netblock\"}]"); // an integ-test distribution with the plugin
        try (node) {
            String log = install(node);
            assertThat(log).contains("pipeline netblock-source-ip installed");
            assertThat(log).contains("pipeline nginx-access-raw skipped: this cluster has no grok, set processors (ingest-common); "
                    + "the other pipelines work");
            assertThat(log).doesNotContain("ingest-netblock plugin");
            assertThat(node.requests).contains("PUT /_ingest/pipeline/netblock-source-ip").doesNotContain("PUT /_ingest/pipeline/nginx-access-raw");
        }
    }

    private String install(Node node) throws IOException {
        Path pipelines = Files.createDirectories(dir.resolve("elasticsearch"));
        Files.writeString(pipelines.resolve("pipeline-netblock-source-ip.json"),
                "{\"processors\":[{\"netblock\":{\"field\":\"source.ip\",\"ignore_missing\":true}}]}");
        Files.writeString(pipelines.resolve("pipeline-nginx-access-raw.json"),
                "{\"processors\":[{\"grok\":{\"field\":\"message\",\"patterns\":[\"%{IP:source.ip}\"]}},{\"netblock\":{\"field\":\"source.ip\"}}],"
                        + "\"on_failure\":[{\"set\":{\"field\":\"error.message\",\"value\":\"x\"}}]}");
        StringWriter log = new StringWriter();
        try (RestClient rest = RestClient.builder(new HttpHost("127.0.0.1", node.port(), "http")).build()) {
            ElasticsearchSetup.install(new RestJson(rest), new DashboardFiles(dir), null, new PrintWriter(log));
        }
        return log.toString();
    }

    /** The answers setup's install needs: GET _nodes/ingest with the given processors, 404 for netblock-logs, 200 to a PUT. */
    private static final class Node implements AutoCloseable {
        final List<String> requests = new CopyOnWriteArrayList<>();
        private final HttpServer http;

        Node(String processors) throws IOException {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            http.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                requests.add(exchange.getRequestMethod() + " " + path);
                exchange.getRequestBody().readAllBytes();
                int status = 200;
                String body = "{\"acknowledged\":true}";
                if (path.equals("/_nodes/ingest")) {
                    body = "{\"nodes\":{\"n1\":{\"ingest\":{\"processors\":" + processors + "}}}}";
                } else if (exchange.getRequestMethod().equals("GET")) {
                    status = 404;
                    body = "{\"error\":\"not found\",\"status\":404}";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            http.start();
        }

        int port() {
            return http.getAddress().getPort();
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }
}
