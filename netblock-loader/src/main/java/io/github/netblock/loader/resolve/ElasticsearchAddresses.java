package io.github.netblock.loader.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.netblock.index.ip.InvalidIpException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.setup.ElasticsearchConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The distinct values of an {@code ip} field (default {@code source.ip}) in the documents of an index
 * pattern seen since a time: a composite aggregation paged with {@code after_key}, one page in memory
 * at a time, so memory does not grow with the number of addresses. Elasticsearch answers each page
 * sorted by address; the caller sorts anyway.
 */
public final class ElasticsearchAddresses implements AddressSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AGG = "addresses";

    private final ElasticsearchConnection connection;
    private final String index;
    private final String field;
    private final String timeField;
    private final String since;
    private final int pageSize;
    private final Duration timeout;

    /**
     * @param since     date math of the start, e.g. {@code now-24h}; null for every document
     * @param pageSize  buckets per page (composite {@code size})
     */
    public ElasticsearchAddresses(ElasticsearchConnection connection, String index, String field, String timeField, String since,
                                  int pageSize, Duration timeout) {
        this.connection = connection;
        this.index = index;
        this.field = field;
        this.timeField = timeField;
        this.since = since;
        this.pageSize = pageSize;
        this.timeout = timeout;
    }

    @Override
    public String describe() {
        return connection.url() + " " + index + " (" + field + (since == null ? "" : ", " + timeField + " >= " + since) + ")";
    }

    @Override
    public void read(Sink sink) throws IOException {
        SSLContext ssl = connection.sslContext();
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout);
        if (ssl != null) {
            b.sslContext(ssl);
        }
        HttpClient http = b.build();
        URI uri = URI.create(connection.url().replaceAll("/+$", "") + "/" + URLEncoder.encode(index, StandardCharsets.UTF_8).replace("%2C", ",").replace("%2A", "*")
                + "/_search?filter_path=aggregations." + AGG + ".after_key,aggregations." + AGG + ".buckets.key");
        JsonNode after = null;
        for (long page = 0; ; page++) {
            JsonNode agg = page(http, uri, after).path("aggregations").path(AGG);
            JsonNode buckets = agg.path("buckets");
            for (JsonNode bucket : buckets) {
                String value = bucket.path("key").path("ip").asText(null);
                try {
                    sink.address(IpAddress.parse(value).unmapped());
                } catch (InvalidIpException e) {
                    sink.bad(describe() + ": page " + (page + 1) + ": not an address: " + Printable.value(value));
                }
            }
            JsonNode next = agg.get("after_key");
            if (buckets.size() == 0 || next == null || next.equals(after)) {
                return; // the last page: no buckets, or no after_key (Elasticsearch omits it past the end)
            }
            after = next;
        }
    }

    private JsonNode page(HttpClient http, URI uri, JsonNode after) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", 0);
        if (since != null) {
            body.putObject("query").putObject("range").putObject(timeField).put("gte", since);
        }
        ObjectNode composite = body.putObject("aggs").putObject(AGG).putObject("composite");
        composite.put("size", pageSize);
        composite.putArray("sources").addObject().putObject("ip").putObject("terms").put("field", field);
        if (after != null) {
            composite.set("after", after);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (connection.authorization() != null) {
            request.header("Authorization", connection.authorization());
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new IOException("cannot reach Elasticsearch at " + connection.url() + ": connection refused", e);
        } catch (HttpTimeoutException e) {
            throw new IOException("Elasticsearch at " + connection.url() + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading addresses from " + connection.url(), e);
        }
        try (InputStream in = response.body()) {
            JsonNode json;
            try {
                json = JSON.readTree(in);
            } catch (IOException e) {
                throw new IOException("Elasticsearch at " + connection.url() + " answered HTTP " + response.statusCode() + " with no JSON", e);
            }
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new IOException("Elasticsearch at " + connection.url() + " refused the credentials (HTTP " + response.statusCode() + "): "
                        + Printable.value(json.path("error").path("reason").asText("")));
            }
            if (response.statusCode() != 200) {
                throw new IOException("Elasticsearch at " + connection.url() + " refused the search of " + index + " (HTTP " + response.statusCode() + "): "
                        + Printable.value(json.path("error").path("root_cause").path(0).path("reason").asText(json.path("error").path("reason").asText(json.toString()))));
            }
            return json == null ? JSON.createObjectNode() : json;
        }
    }
}
