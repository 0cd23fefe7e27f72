package io.github.netblock.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.loader.cli.CliRun;
import io.github.netblock.it.harness.ElasticsearchNodeExtension;
import io.github.netblock.it.harness.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A new user's documents are annotated with no per-request parameter, on both wirings: the
 * netblock-attacks-* template's default pipeline, and the @custom hooks of the Elastic conventions. The
 * integ-test distribution has no stack templates and no Fleet, so each test builds the chain the way
 * Elasticsearch's {@code logs} template and {@code logs@default-pipeline} and a Fleet integration do:
 * an index template that composes the {@code @custom} component template and whose default pipeline
 * reaches the {@code @custom} pipeline through a {@code pipeline} processor.
 *
 * <p>Expected values: 8.8.8.8 is in the bundled database's AS 15169 (Google) range and its US country row (6.0.0.0 -
 * 8.10.5.255 in geo-whois-asn-country-ipv4.csv), 1.1.1.1 in AS 13335
 * (Cloudflare), as {@code netblock-loader lookup} on the bundled file says.
 *
 * <p>On the Elasticsearch platforms (8.19 and 9.3): what is wired here is the Elastic stack's convention (the
 * {@code logs} template and {@code logs@default-pipeline}, Fleet's {@code @custom} hooks, a Kibana data view),
 * and the test-only plugin registers Elasticsearch's own {@code PipelineProcessor}. OpenSearch has neither the
 * stack templates nor Fleet, so these hooks do not exist there.
 */
@ParameterizedClass
@MethodSource("io.github.netblock.it.harness.Platforms#elasticStack")
class WhereDataAlreadyFlowsIT {
    @RegisterExtension
    static final ElasticsearchNodeExtension ES = ElasticsearchNodeExtension.perPlatform(new ElasticsearchNode.Options().name("wiring-it").pipelineProcessor());

    @Parameter
    Platform platform;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The user's own objects, there before setup. */
    private static final String USER_PIPELINE = """
            {"description": "my own processing",
             "processors": [{"netblock": {"field": "destination.ip", "ignore_missing": true, "tag": "mine"}}]}""";
    private static final String USER_COMPONENT_TEMPLATE = """
            {"template": {"settings": {"index": {"number_of_replicas": 0}},
                          "mappings": {"properties": {"service": {"properties": {"name": {"type": "keyword"}}},
                                                      "source": {"properties": {"ip": {"type": "ip"}, "port": {"type": "long"},
                                                                               "domain": {"type": "keyword", "ignore_above": 256}}}}}},
             "_meta": {"owner": "me"}}""";

    @Test
    void aDocumentPostedToANetblockAttacksIndexWithoutAPipelineParameterIsAnnotated() throws Exception {
        assertThat(setup().exit()).isZero();
        RestClient rest = ES.node().restClient();
        call(rest, "POST", "/netblock-attacks-test/_doc?refresh=true", "{\"source\": {\"ip\": \"8.8.8.8\"}}");
        JsonNode hit = firstHit(rest, "netblock-attacks-test");
        assertThat(hit.at("/source/as/number").asLong()).isEqualTo(15169);
        assertThat(hit.at("/source/geo/country_iso_code").asText()).isEqualTo("US");
        // a default pipeline, not a final one: a request that names its own pipeline replaces it
        call(rest, "POST", "/netblock-attacks-raw/_doc?refresh=true&pipeline=_none", "{\"source\": {\"ip\": \"8.8.8.8\"}}");
        assertThat(firstHit(rest, "netblock-attacks-raw").at("/source/as").isMissingNode()).isTrue();
        assertThat(get(rest, "/netblock-attacks-test/_mapping").at("/netblock-attacks-test/mappings/properties/source/properties/netblock/properties/range/type").asText())
                .isEqualTo("ip_range");
    }

    @Test
    void attachToLogsCustomAnnotatesTheStacksLogsDataStreamsAndDetachGivesTheUserBackExactlyTheirObjects() throws Exception {
        RestClient rest = ES.node().restClient();
        // what Elasticsearch's stack templates hold, as x-pack's logs@default-pipeline and logs template do
        call(rest, "PUT", "/_ingest/pipeline/logs@default-pipeline",
                "{\"processors\": [{\"pipeline\": {\"name\": \"logs@custom\", \"ignore_missing_pipeline\": true}}]}");
        call(rest, "PUT", "/_index_template/logs", """
                {"index_patterns": ["logs-*-*"], "priority": 100, "data_stream": {},
                 "composed_of": ["logs@custom"], "ignore_missing_component_templates": ["logs@custom"],
                 "template": {"settings": {"index.default_pipeline": "logs@default-pipeline"}}}""");
        call(rest, "PUT", "/_ingest/pipeline/logs@custom", USER_PIPELINE);
        call(rest, "PUT", "/_component_template/logs@custom", USER_COMPONENT_TEMPLATE);
        JsonNode userPipeline = get(rest, "/_ingest/pipeline/logs@custom").path("logs@custom");
        JsonNode userTemplate = componentTemplate(rest, "logs@custom");

        CliRun attach = setup("--attach", "logs@custom");
        assertThat(attach.exit()).as(attach.err()).isZero();
        assertThat(attach.out()).contains("pipeline logs@custom: netblock processor attached after the 1 processor(s) already there")
                .contains("component template logs@custom: ").contains("your own mappings of source.domain kept")
                .contains("netblock processor attached to logs@custom");
        JsonNode attachedPipeline = get(rest, "/_ingest/pipeline/logs@custom").path("logs@custom");
        JsonNode attachedTemplate = componentTemplate(rest, "logs@custom");
        assertThat(attachedPipeline.path("processors").get(0)).isEqualTo(userPipeline.path("processors").get(0));
        assertThat(attachedPipeline.path("processors")).hasSize(2);
        assertThat(attachedTemplate.at("/template/mappings/properties/service")).isEqualTo(userTemplate.at("/template/mappings/properties/service"));
        assertThat(attachedTemplate.at("/_meta/owner").asText()).isEqualTo("me");

        // a shipper's request: no pipeline parameter
        call(rest, "POST", "/logs-web-default/_doc?refresh=true", """
                {"@timestamp": "2026-11-27T10:00:00Z", "source": {"ip": "8.8.8.8", "port": 44123}, "destination": {"ip": "1.1.1.1"},
                 "service": {"name": "web"}}""");
        JsonNode doc = firstHit(rest, "logs-web-default");
        assertThat(doc.at("/source/as/number").asLong()).isEqualTo(15169);
        assertThat(doc.at("/source/geo/country_iso_code").asText()).isEqualTo("US");
        assertThat(doc.at("/destination/as/number").asLong()).as("the user's own processor still runs").isEqualTo(13335);
        JsonNode mapping = get(rest, "/logs-web-default/_mapping");
        JsonNode props = mapping.elements().next().at("/mappings/properties");
        assertThat(props.at("/source/properties/netblock/properties/range/type").asText()).isEqualTo("ip_range");
        assertThat(props.at("/source/properties/port/type").asText()).isEqualTo("long");
        assertThat(props.at("/service/properties/name/type").asText()).isEqualTo("keyword");

        CliRun again = setup("--attach", "logs@custom");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("pipeline logs@custom: the netblock processor is already attached")
                .contains("component template logs@custom: the netblock field mappings are already there");
        assertThat(get(rest, "/_ingest/pipeline/logs@custom").path("logs@custom")).isEqualTo(attachedPipeline);
        assertThat(componentTemplate(rest, "logs@custom")).isEqualTo(attachedTemplate);

        CliRun detach = setup("--detach", "logs@custom");
        assertThat(detach.exit()).as(detach.err()).isZero();
        // exactly what the user wrote; the node's own dates of the object: created when the user created it,
        // modified by the detach's write (Elasticsearch 9.3.2 keeps them, 8.19.21 has none: both missing there)
        JsonNode restoredPipeline = get(rest, "/_ingest/pipeline/logs@custom").path("logs@custom");
        assertThat(withoutNodeDates(restoredPipeline)).isEqualTo(withoutNodeDates(userPipeline));
        assertThat(restoredPipeline.path(CREATED)).isEqualTo(userPipeline.path(CREATED));
        JsonNode restoredTemplate = componentTemplate(rest, "logs@custom");
        assertThat(withoutNodeDates(restoredTemplate)).isEqualTo(withoutNodeDates(userTemplate));
        assertThat(restoredTemplate.path(CREATED)).isEqualTo(userTemplate.path(CREATED));
        assertThat(detach.out()).doesNotContain("netblock processor attached to");
        // the stored document is left as it was; a new one is no longer annotated by netblock
        assertThat(firstHit(rest, "logs-web-default").at("/source/as/number").asLong()).isEqualTo(15169);
        call(rest, "POST", "/logs-web-default/_rollover", null); // a new backing index, from the template as the user left it
        call(rest, "POST", "/logs-web-default/_doc?refresh=true", """
                {"@timestamp": "2026-11-27T11:00:00Z", "source": {"ip": "8.8.4.4"}, "destination": {"ip": "1.1.1.1"}}""");
        JsonNode later = search(rest, "logs-web-default", "{\"query\": {\"term\": {\"source.ip\": \"8.8.4.4\"}}}").at("/hits/hits/0/_source");
        assertThat(later.at("/source/as").isMissingNode()).isTrue();
        assertThat(later.at("/destination/as/number").asLong()).isEqualTo(13335);
    }

    @Test
    void attachToAFleetDatasetHookCreatesItsCustomObjectsBesideFleetsTemplateAndDetachDeletesWhatItCreated() throws Exception {
        RestClient rest = ES.node().restClient();
        // a Fleet integration's assets: its pipeline calls the @custom hooks, its template composes the @custom component templates
        call(rest, "PUT", "/_ingest/pipeline/logs-nginx.access-1.20.0", """
                {"processors": [
                  {"pipeline": {"name": "global@custom", "ignore_missing_pipeline": true}},
                  {"pipeline": {"name": "logs@custom", "ignore_missing_pipeline": true}},
                  {"pipeline": {"name": "logs-nginx.integration@custom", "ignore_missing_pipeline": true}},
                  {"pipeline": {"name": "logs-nginx.access@custom", "ignore_missing_pipeline": true}}]}""");
        call(rest, "PUT", "/_index_template/logs-nginx.access", """
                {"index_patterns": ["logs-nginx.access-*"], "priority": 200, "data_stream": {},
                 "composed_of": ["logs-nginx.access@custom"], "ignore_missing_component_templates": ["logs-nginx.access@custom"],
                 "template": {"settings": {"index.default_pipeline": "logs-nginx.access-1.20.0"}},
                 "_meta": {"managed_by": "fleet", "package": {"name": "nginx"}}}""");

        CliRun attach = setup("--attach", "logs-nginx.access@custom");
        assertThat(attach.exit()).as(attach.err()).isZero(); // the old netblock-logs template at priority 200 collided right here
        assertThat(attach.out()).contains("pipeline logs-nginx.access@custom: netblock processor attached (pipeline created)")
                .contains("(component template created)");
        assertThat(status(rest, "/_index_template/netblock-logs")).isEqualTo(404);

        call(rest, "POST", "/logs-nginx.access-default/_doc?refresh=true",
                "{\"@timestamp\": \"2026-11-27T10:00:00Z\", \"source\": {\"ip\": \"8.8.8.8\"}}");
        JsonNode doc = firstHit(rest, "logs-nginx.access-default");
        assertThat(doc.at("/source/as/number").asLong()).isEqualTo(15169);
        JsonNode props = get(rest, "/logs-nginx.access-default/_mapping").elements().next().at("/mappings/properties");
        assertThat(props.at("/source/properties/netblock/properties/range/type").asText()).isEqualTo("ip_range");
        assertThat(props.at("/source/properties/netblock/properties/owner/properties/name/type").asText()).isEqualTo("keyword");

        CliRun detach = setup("--detach", "logs-nginx.access@custom");
        assertThat(detach.exit()).as(detach.err()).isZero();
        assertThat(status(rest, "/_ingest/pipeline/logs-nginx.access@custom")).isEqualTo(404);
        // setup created it and nothing else is in it; Fleet's template lists it among ignore_missing_component_templates
        assertThat(status(rest, "/_component_template/logs-nginx.access@custom")).isEqualTo(404);
        assertThat(detach.out()).contains("component template logs-nginx.access@custom: deleted");
        assertThat(firstHit(rest, "logs-nginx.access-default").at("/source/as/number").asLong()).isEqualTo(15169);
    }

    @Test
    void theKibanaDataViewCoversTheIndexPatternAndTheAttachedDataStreams() throws Exception {
        // Kibana cannot run here: a loopback server answers the import as Kibana does and keeps the upload
        java.util.concurrent.atomic.AtomicReference<String> upload = new java.util.concurrent.atomic.AtomicReference<>();
        com.sun.net.httpserver.HttpServer kibana = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        kibana.createContext("/api/saved_objects/_import", ex -> {
            upload.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "{\"success\":true,\"successCount\":1,\"errors\":[]}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        kibana.start();
        try {
            CliRun run = setup("--index-pattern", "web-hits-*", "--attach", "logs-nginx.access@custom",
                    "--kibana", "http://127.0.0.1:" + kibana.getAddress().getPort());
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("(data view web-hits-*,logs-nginx.access-*)");
            JsonNode dataView = null;
            for (String line : upload.get().split("\n")) {
                if (line.startsWith("{") && JSON.readTree(line).path("type").asText().equals("index-pattern")) {
                    dataView = JSON.readTree(line);
                }
            }
            assertThat(dataView).isNotNull();
            assertThat(dataView.at("/attributes/title").asText()).isEqualTo("web-hits-*,logs-nginx.access-*");
        } finally {
            kibana.stop(0);
            assertThat(setup("--detach", "logs-nginx.access@custom").exit()).isZero(); // and the default index pattern back
        }
    }

    private static final String CREATED = "created_date_millis";

    /**
     * An ingest pipeline or component template without the dates the node keeps of it: Elasticsearch 9.3.2 adds
     * {@code created_date_millis} and {@code modified_date_millis} to what GET returns (its PipelineConfiguration and
     * ComponentTemplate write them; 8.19.21's have no such field), and any write, such as the detach's, moves
     * {@code modified_date_millis}.
     */
    private static JsonNode withoutNodeDates(JsonNode object) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = object.deepCopy();
        copy.remove(List.of(CREATED, "modified_date_millis"));
        return copy;
    }

    private static CliRun setup(String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "setup";
        args[1] = "--es";
        args[2] = ES.node().baseUrl();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return CliRun.of(args);
    }

    private static JsonNode componentTemplate(RestClient rest, String name) throws IOException {
        return get(rest, "/_component_template/" + name).at("/component_templates/0/component_template");
    }

    private static JsonNode firstHit(RestClient rest, String index) throws IOException {
        return search(rest, index, "{\"sort\": [{\"_doc\": \"asc\"}]}").at("/hits/hits/0/_source");
    }

    private static JsonNode search(RestClient rest, String index, String body) throws IOException {
        return JSON.readTree(call(rest, "POST", "/" + index + "/_search", body));
    }

    private static JsonNode get(RestClient rest, String path) throws IOException {
        return JSON.readTree(call(rest, "GET", path, null));
    }

    private static int status(RestClient rest, String path) throws IOException {
        try {
            return rest.performRequest(new Request("GET", path)).getStatusLine().getStatusCode();
        } catch (ResponseException e) {
            return e.getResponse().getStatusLine().getStatusCode();
        }
    }

    private static String call(RestClient rest, String method, String path, String body) throws IOException {
        Request r = new Request(method, path);
        if (body != null) {
            r.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
        }
        return EntityUtils.toString(rest.performRequest(r).getEntity(), StandardCharsets.UTF_8);
    }
}
