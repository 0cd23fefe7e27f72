package io.github.netblock.loader.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Plain JSON over the low-level REST client, the same requests to Elasticsearch 8.19, 9.3 and OpenSearch 3.3
 * (the elasticsearch-java client sends {@code application/vnd.elasticsearch+json; compatible-with=8}, which
 * OpenSearch refuses with 406, and requires the {@code X-Elastic-Product} answer header, which OpenSearch does
 * not send).
 */
public final class RestJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What answers at the URL: decides only what differs (the Elastic stack's hooks and Kibana). */
    public enum Product {
        ELASTICSEARCH("Elasticsearch"), OPENSEARCH("OpenSearch");

        private final String display;

        Product(String display) {
            this.display = display;
        }

        @Override
        public String toString() {
            return display;
        }
    }

    private final RestClient rest;

    public RestJson(RestClient rest) {
        this.rest = rest;
    }

    public RestClient rest() {
        return rest;
    }

    /** The answer, or null on 404. */
    public JsonNode get(String path) throws IOException {
        try {
            Response r = rest.performRequest(new Request("GET", path));
            return JSON.readTree(EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    public void put(String path, String json) throws IOException {
        Request r = new Request("PUT", path);
        r.setEntity(new NStringEntity(json, ContentType.APPLICATION_JSON));
        rest.performRequest(r);
    }

    public void put(String path, JsonNode body) throws IOException {
        put(path, JSON.writeValueAsString(body));
    }

    public void delete(String path) throws IOException {
        rest.performRequest(new Request("DELETE", path));
    }

    /**
     * The product of the node that answers; setup's first request, so it is also the check that the cluster answers.
     * {@code GET /} is 405 on Elasticsearch's integ-test distribution; {@code GET _nodes/_local} answers on every
     * node of the three platforms.
     */
    public Product product() throws IOException {
        Response r = rest.performRequest(new Request("GET", "/_nodes/_local?filter_path=nodes.*.version,nodes.*.build_flavor"));
        return productOf(r.getHeader("X-OpenSearch-Version"), JSON.readTree(EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8)));
    }

    /**
     * The product an answer to {@code GET _nodes/_local} names: OpenSearch sends the header {@code X-OpenSearch-Version}
     * ({@code OpenSearch/3.3.0 (opensearch)}) on every answer; without it (a proxy may drop headers), the node info
     * tells: Elasticsearch 8 and 9 write {@code build_flavor} ("default"), OpenSearch does not.
     *
     * @param openSearchVersionHeader the {@code X-OpenSearch-Version} header, or null
     */
    static Product productOf(String openSearchVersionHeader, JsonNode nodesInfo) {
        if (openSearchVersionHeader != null) {
            return Product.OPENSEARCH;
        }
        Iterator<JsonNode> nodes = nodesInfo == null ? java.util.Collections.emptyIterator() : nodesInfo.path("nodes").elements();
        while (nodes.hasNext()) {
            JsonNode node = nodes.next();
            if (node.has("version") && !node.has("build_flavor")) {
                return Product.OPENSEARCH;
            }
        }
        return Product.ELASTICSEARCH;
    }
}
