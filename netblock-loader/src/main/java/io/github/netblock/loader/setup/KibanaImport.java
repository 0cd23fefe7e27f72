package io.github.netblock.loader.setup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * Imports saved objects into Kibana the way its UI does: {@code POST /api/saved_objects/_import?overwrite=true}
 * with the {@code kbn-xsrf} header and the NDJSON as the multipart field {@code file} (a file name
 * ending in {@code .ndjson}). Overwriting makes it idempotent. Objects Kibana refuses are reported one by one.
 */
public final class KibanaImport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KibanaImport() {}

    /** Kibana refused some objects; nothing else went wrong. */
    public static final class ImportException extends IOException {
        public ImportException(String message) {
            super(message);
        }
    }

    /** Why a connection failed, in words: the JDK's HTTP client often gives a ConnectException without a message. */
    static String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "no answer to the connection within 20 s";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer within 2 minutes";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return "connection refused";
    }

    /**
     * The NDJSON with the data view's title (its index pattern) replaced, so the dashboards read the
     * indices and data streams setup wired up.
     */
    public static String withDataViewTitle(String ndjson, String title) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                JsonNode o = JSON.readTree(line);
                if (o.path("type").asText().equals("index-pattern") && o.path("attributes").isObject()) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("attributes")).put("title", title);
                    line = JSON.writeValueAsString(o);
                }
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /** @return how many objects Kibana imported */
    public static int importObjects(ElasticsearchConnection kibana, String fileName, String ndjson) throws IOException {
        String boundary = "netblock-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/ndjson\r\n\r\n"
                + ndjson + (ndjson.endsWith("\n") ? "" : "\n")
                + "\r\n--" + boundary + "--\r\n";
        String base = kibana.url().endsWith("/") ? kibana.url().substring(0, kibana.url().length() - 1) : kibana.url();
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/api/saved_objects/_import?overwrite=true"))
                .timeout(Duration.ofMinutes(2))
                .header("kbn-xsrf", "true")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (kibana.authorization() != null) {
            req.header("Authorization", kibana.authorization());
        }
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20));
        SSLContext ssl = kibana.sslContext();
        if (ssl != null) {
            client.sslContext(ssl);
        }
        HttpResponse<String> res;
        try {
            res = client.build().send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new IOException("cannot reach Kibana at " + kibana.url() + ": " + reason(e), e);
        } catch (ConnectException e) {
            throw new IOException("cannot reach Kibana at " + kibana.url() + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (res.statusCode() == 401 || res.statusCode() == 403) {
            throw new IOException("Kibana at " + kibana.url() + " refused the credentials (HTTP " + res.statusCode() + ")");
        }
        if (res.statusCode() != 200) {
            throw new IOException("Kibana at " + kibana.url() + " answered HTTP " + res.statusCode() + ": " + res.body());
        }
        JsonNode r = JSON.readTree(res.body());
        if (!r.path("success").asBoolean(false)) {
            List<String> failed = new ArrayList<>();
            for (JsonNode e : r.path("errors")) {
                failed.add(e.path("type").asText() + " " + e.path("id").asText() + " (" + e.path("title").asText("") + "): "
                        + e.at("/error/type").asText() + (e.at("/error/references").isMissingNode() ? "" : " " + e.at("/error/references")));
            }
            throw new ImportException("Kibana imported " + r.path("successCount").asInt() + " objects and refused "
                    + failed.size() + ": " + String.join("; ", failed));
        }
        return r.path("successCount").asInt();
    }
}
