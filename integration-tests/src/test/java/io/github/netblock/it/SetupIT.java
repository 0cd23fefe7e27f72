package io.github.netblock.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.it.harness.ElasticsearchNodeExtension;
import io.github.netblock.it.harness.Platform;
import io.github.netblock.it.harness.Rest;
import io.github.netblock.loader.cli.CliRun;
import io.github.netblock.loader.cli.NetblockLoader;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code netblock-loader setup --es <node>} on a real node of each platform (Elasticsearch 8.19.21, 9.3.2,
 * OpenSearch 3.3.0): the same plain-JSON requests install the templates and pipelines, a second run changes
 * nothing, the pipeline that needs grok (not in the integ-test distributions) is skipped with its reason, and a
 * document posted to a netblock-attacks index without a pipeline parameter is annotated. What OpenSearch lacks
 * (the Elastic stack's {@code @custom} hooks, Kibana) is refused there before anything is changed.
 *
 * <p>Expected values: 8.8.8.8 is in the bundled database's AS 15169 range and its US country row (6.0.0.0 -
 * 8.10.5.255 in geo-whois-asn-country-ipv4.csv).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.github.netblock.it.harness.Platforms#all")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SetupIT {
    @RegisterExtension
    static final ElasticsearchNodeExtension ES = ElasticsearchNodeExtension.perPlatform(new ElasticsearchNode.Options().name("setup-it"));

    @Parameter
    Platform platform;

    private static final List<String> OBJECTS = List.of("/_component_template/netblock-source", "/_component_template/web-access",
            "/_index_template/netblock-attacks", "/_ingest/pipeline/netblock-source-ip");

    @Test
    @Order(1)
    void setupInstallsTheTemplatesAndPipelinesAndASecondRunChangesNothing() throws Exception {
        Rest rest = Rest.of(ES.node());
        CliRun first = setup();
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("component template netblock-source installed", "component template web-access installed",
                        "index template netblock-attacks installed", "pipeline netblock-source-ip installed",
                        "setup done: 4 objects installed in " + ES.node().baseUrl())
                .containsPattern("pipeline nginx-access-raw skipped: this cluster has no [a-z, ]*grok");
        assertThat(rest.refused("GET", "/_ingest/pipeline/nginx-access-raw", null).status()).isEqualTo(404);
        List<JsonNode> installed = new java.util.ArrayList<>();
        for (String object : OBJECTS) {
            installed.add(withoutNodeDates(rest.get(object)));
        }

        CliRun again = setup();
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("setup done: 4 objects installed");
        for (int i = 0; i < OBJECTS.size(); i++) {
            assertThat(withoutNodeDates(rest.get(OBJECTS.get(i)))).as(OBJECTS.get(i)).isEqualTo(installed.get(i));
        }
    }

    @Test
    @Order(2)
    void aDocumentPostedToANetblockAttacksIndexWithoutAPipelineParameterIsAnnotated() throws Exception {
        assertThat(setup().exit()).isZero();
        Rest rest = Rest.of(ES.node());
        rest.post("/netblock-attacks-test/_doc?refresh=true", "{\"source\": {\"ip\": \"8.8.8.8\"}}");
        JsonNode hit = rest.post("/netblock-attacks-test/_search", "{}").at("/hits/hits/0/_source");
        assertThat(hit.at("/source/as/number").asLong()).as(hit.toString()).isEqualTo(15169);
        assertThat(hit.at("/source/geo/country_iso_code").asText()).isEqualTo("US");
        assertThat(rest.get("/netblock-attacks-test/_mapping").at("/netblock-attacks-test/mappings/properties/source/properties/netblock/properties/range/type").asText())
                .isEqualTo("ip_range");
    }

    @Test
    @Order(3)
    void theElasticStacksHooksAndKibanaAreRefusedOnOpenSearchBeforeAnythingChanges() throws Exception {
        Rest rest = Rest.of(ES.node());
        CliRun attach = setup("--attach", "logs@custom");
        if (platform.isOpenSearch()) {
            assertThat(attach.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
            assertThat(attach.err()).contains("--attach logs@custom: " + ES.node().baseUrl() + " is OpenSearch")
                    .contains("OpenSearch has no logs@custom / Fleet hooks").contains("nothing was changed");
            assertThat(attach.out()).doesNotContain("installed");
            assertThat(rest.refused("GET", "/_ingest/pipeline/logs@custom", null).status()).isEqualTo(404);
            assertThat(rest.refused("GET", "/_component_template/logs@custom", null).status()).isEqualTo(404);
            CliRun detach = setup("--detach", "logs@custom");
            assertThat(detach.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
            assertThat(detach.err()).contains("OpenSearch has no logs@custom / Fleet hooks");
            // nothing listens on port 9: refused before Kibana is contacted
            CliRun kibana = setup("--kibana", "http://127.0.0.1:9");
            assertThat(kibana.exit()).isEqualTo(NetblockLoader.INVALID_INPUT);
            assertThat(kibana.err()).contains("Kibana objects are Elasticsearch-only").doesNotContain("cannot reach");
        } else {
            // the same detection leaves Elasticsearch's hooks alone
            assertThat(attach.exit()).as(attach.err()).isZero();
            assertThat(attach.out()).contains("netblock processor attached to logs@custom");
            CliRun detach = setup("--detach", "logs@custom");
            assertThat(detach.exit()).as(detach.err()).isZero();
            assertThat(rest.refused("GET", "/_ingest/pipeline/logs@custom", null).status()).isEqualTo(404);
        }
    }

    /** Elasticsearch 9.3 keeps the dates of a pipeline's and a component template's creation and last change. */
    private static JsonNode withoutNodeDates(JsonNode got) {
        JsonNode copy = got.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(List.of("created_date", "created_date_millis", "modified_date", "modified_date_millis"));
        }
        node.forEach(SetupIT::strip);
    }

    private static CliRun setup(String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "setup";
        args[1] = "--es";
        args[2] = ES.node().baseUrl();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return CliRun.of(args);
    }
}
