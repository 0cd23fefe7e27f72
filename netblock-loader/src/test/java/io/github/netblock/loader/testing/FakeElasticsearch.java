package io.github.netblock.loader.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;

/**
 * An HTTP server on 127.0.0.1 that answers {@code POST /INDEX/_search} with a {@code composite}
 * aggregation over one terms source the way Elasticsearch does: buckets in key order, {@code size}
 * per page, {@code after_key} (the last bucket's key) with every page that has buckets, the page after
 * {@code after} when asked, and an empty page without {@code after_key} past the end. The values are
 * {@code count} addresses made by a function of their position, so a million need no memory.
 * Requests without the expected {@code Authorization} get 401 as Elasticsearch's security answers.
 * Not Elasticsearch: just its answers to this request.
 */
public final class FakeElasticsearch implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final LongFunction<String> address;
    private final long count;
    private final String authorization;

    /**
     * @param address the address at a position, in ascending order
     * @param authorization the header value required, or null for none
     */
    public FakeElasticsearch(long count, LongFunction<String> address, String authorization) throws IOException {
        this.count = count;
        this.address = address;
        this.authorization = authorization;
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        http.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "fake-es");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/", this::handle);
        http.start();
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** The search bodies received, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (authorization != null && !authorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, "{\"error\":{\"root_cause\":[{\"type\":\"security_exception\",\"reason\":\"unable to authenticate user\"}],"
                        + "\"type\":\"security_exception\",\"reason\":\"unable to authenticate user\"},\"status\":401}");
                return;
            }
            if (!ex.getRequestMethod().equals("POST") || !ex.getRequestURI().getPath().endsWith("/_search")) {
                send(ex, 405, "{\"error\":\"Incorrect HTTP method\",\"status\":405}");
                return;
            }
            JsonNode body = JSON.readTree(ex.getRequestBody());
            requests.add(body);
            JsonNode composite = body.path("aggs").path("addresses").path("composite");
            int size = composite.path("size").asInt(10);
            long from = 0;
            JsonNode after = composite.get("after");
            if (after != null) {
                from = position(after.path("ip").asText()) + 1;
            }
            StringBuilder b = new StringBuilder("{\"took\":3,\"timed_out\":false,\"_shards\":{\"total\":1,\"successful\":1,\"skipped\":0,\"failed\":0},"
                    + "\"hits\":{\"total\":{\"value\":10000,\"relation\":\"gte\"},\"max_score\":null,\"hits\":[]},\"aggregations\":{\"addresses\":{");
            long to = Math.min(count, from + size);
            if (to > from) {
                b.append("\"after_key\":{\"ip\":\"").append(address.apply(to - 1)).append("\"},");
            }
            b.append("\"buckets\":[");
            for (long i = from; i < to; i++) {
                b.append(i == from ? "" : ",").append("{\"key\":{\"ip\":\"").append(address.apply(i)).append("\"},\"doc_count\":").append(1 + i % 7).append('}');
            }
            b.append("]}}}");
            send(ex, 200, b.toString());
        }
    }

    /** Where an address stands: the values are ascending, so a binary search finds it. */
    private long position(String key) {
        long lo = 0;
        long hi = count - 1;
        io.github.netblock.index.ip.IpAddress k = io.github.netblock.index.ip.IpAddress.parse(key);
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            int c = io.github.netblock.index.ip.IpAddress.parse(address.apply(mid)).compareTo(k);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        throw new IllegalArgumentException("after key " + key + " is no bucket of this index");
    }

    private static void send(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.getResponseHeaders().add("X-elastic-product", "Elasticsearch");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
