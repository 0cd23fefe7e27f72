package io.github.netblock.loader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** setup's command line is checked before any connection: one complete way to authenticate, @custom names only. */
class SetupOptionsTest {
    // nothing listens on port 9 of the loopback; a check that passed would fail there with exit 1
    private static final String NOWHERE = "http://127.0.0.1:9";

    @Test
    void userTogetherWithAnApiKeyIsRefusedAsAUsageError() {
        CliRun r = CliRun.of("setup", "--es", NOWHERE, "--user", "elastic", "--password-env", "PATH", "--api-key-env", "PATH");
        assertThat(r.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(r.err()).contains("--user and --api-key-env: give one way to authenticate, not both");
    }

    @Test
    void userWithoutAPasswordIsRefusedBeforeConnecting() {
        CliRun r = CliRun.of("setup", "--es", NOWHERE, "--user", "elastic");
        assertThat(r.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(r.err()).contains("--user elastic needs --password-env VAR").doesNotContain("cannot reach");
    }

    @Test
    void aPasswordWithoutAUserIsRefused() {
        CliRun r = CliRun.of("setup", "--es", NOWHERE, "--password-env", "PATH");
        assertThat(r.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(r.err()).contains("--password-env needs --user NAME");
    }

    @Test
    void attachTakesOnlyCustomHookNames() {
        CliRun r = CliRun.of("setup", "--es", NOWHERE, "--attach", "logs-nginx.access-1.2.0");
        assertThat(r.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(r.err()).contains("[logs-nginx.access-1.2.0] is not an @custom pipeline name");
        CliRun both = CliRun.of("setup", "--es", NOWHERE, "--attach", "logs@custom", "--detach", "logs@custom");
        assertThat(both.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(both.err()).contains("logs@custom: given to both --attach and --detach");
    }

    /** A loopback server that answers as an OpenSearch 3.3 node does (the header on every answer) and keeps the requests. */
    private static HttpServer openSearch(List<String> requests) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            byte[] body = "{\"nodes\":{\"n1\":{\"version\":\"3.3.0\"}}}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("X-OpenSearch-Version", "OpenSearch/3.3.0 (opensearch)");
            ex.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return server;
    }

    @Test
    void onOpenSearchTheStacksHooksAndKibanaAreRefusedBeforeAnythingIsChanged() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer server = openSearch(requests);
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            CliRun attach = CliRun.of("setup", "--es", url, "--attach", "logs@custom");
            assertThat(attach.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
            assertThat(attach.err()).contains("--attach logs@custom: " + url + " is OpenSearch, and OpenSearch has no logs@custom / Fleet hooks")
                    .contains("nothing was changed");
            CliRun kibana = CliRun.of("setup", "--es", url, "--kibana", NOWHERE);
            assertThat(kibana.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
            assertThat(kibana.err()).contains("Kibana objects are Elasticsearch-only").doesNotContain("cannot reach");
            assertThat(requests).allMatch(r -> r.startsWith("GET /_nodes/_local"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theKibanaDataViewTakesOnlyTheDataStreamsWhoseHookAnIndexTemplateMaps() {
        assertThat(SetupCommand.dataView(null, List.of())).isEqualTo("netblock-attacks-*");
        assertThat(SetupCommand.dataView("web-hits-*", List.of("logs-nginx.access@custom", "logs@custom")))
                .isEqualTo("web-hits-*,logs-nginx.access-*,logs-*-*");
        // global@custom would add *-*-* (metrics and traces too) and logs-nginx.integration@custom logs-nginx.*-*,
        // where no index template maps the netblock fields the dashboards read
        assertThat(SetupCommand.dataView(null, List.of("global@custom", "logs-nginx.integration@custom", "logs-nginx.access@custom")))
                .isEqualTo("netblock-attacks-*,logs-nginx.access-*");
    }

    @Test
    void theLastLineMarksTheHooksThatGetTheProcessorOnly() {
        assertThat(SetupCommand.attachedSummary(List.of())).isEmpty();
        assertThat(SetupCommand.attachedSummary(List.of("global@custom", "logs@custom"))).isEqualTo(
                "; netblock processor attached to global@custom (processor only: no index template applies the netblock field mappings there), "
                        + "logs@custom");
    }
}
