package io.github.netblock.loader.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The product setup detects from GET _nodes/_local, and the processor types of GET _nodes/ingest (answers as the nodes give them). */
class RestJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void openSearchIsKnownByItsHeaderOrByNodeInfoWithoutABuildFlavor() throws Exception {
        var openSearch = JSON.readTree("{\"nodes\":{\"H0ASY5\":{\"version\":\"3.3.0\"}}}");
        var elasticsearch = JSON.readTree("{\"nodes\":{\"x1\":{\"version\":\"8.19.21\",\"build_flavor\":\"default\"}}}");
        assertThat(RestJson.productOf("OpenSearch/3.3.0 (opensearch)", openSearch)).isEqualTo(RestJson.Product.OPENSEARCH);
        assertThat(RestJson.productOf(null, openSearch)).as("a proxy dropped the header").isEqualTo(RestJson.Product.OPENSEARCH);
        assertThat(RestJson.productOf(null, elasticsearch)).isEqualTo(RestJson.Product.ELASTICSEARCH);
        assertThat(RestJson.productOf(null, JSON.readTree("{}"))).as("no node info: the default").isEqualTo(RestJson.Product.ELASTICSEARCH);
    }

    @Test
    void theProcessorTypesOfEveryIngestNode() throws Exception {
        var nodes = JSON.readTree("""
                {"nodes": {"a": {"ingest": {"processors": [{"type": "netblock"}, {"type": "set"}]}},
                           "b": {"ingest": {"processors": [{"type": "grok"}]}}, "c": {}}}""");
        assertThat(ElasticsearchSetup.processorsOfNodes(nodes)).containsExactlyInAnyOrder("netblock", "set", "grok");
        assertThat(ElasticsearchSetup.processorsOfNodes(JSON.readTree("{}"))).as("filter_path of no processor").isEmpty();
    }
}
