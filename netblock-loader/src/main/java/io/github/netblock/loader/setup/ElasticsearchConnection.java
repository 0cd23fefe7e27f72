package io.github.netblock.loader.setup;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;

/**
 * How to reach Elasticsearch (and Kibana): URL, basic credentials or an API key, and a CA
 * certificate to trust for TLS. Secrets come in as values read from environment variables.
 *
 * @param url      e.g. https://127.0.0.1:9200
 * @param username basic auth user, or null
 * @param password basic auth password, or null
 * @param apiKey   an encoded API key ({@code Authorization: ApiKey ...}), or null
 * @param caCert   a PEM certificate file to trust, or null for the JDK's trust store
 */
public record ElasticsearchConnection(String url, String username, String password, String apiKey, Path caCert) {

    /** The Authorization header value, or null. */
    public String authorization() {
        if (apiKey != null) {
            return "ApiKey " + apiKey;
        }
        if (username != null) {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    /** An SSL context trusting {@code caCert}, or null when none is given. */
    public SSLContext sslContext() throws IOException {
        if (caCert == null) {
            return null;
        }
        try (InputStream in = Files.newInputStream(caCert)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new IOException(caCert + " holds no certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use " + caCert + " as a CA certificate: " + e.getMessage(), e);
        }
    }

    /**
     * The elasticsearch-java client (Elasticsearch only: it sends {@code compatible-with=8} and wants the
     * {@code X-Elastic-Product} header); close its transport when done. {@link #restClient()} talks to OpenSearch too.
     */
    public ElasticsearchClient client() throws IOException {
        return new ElasticsearchClient(new RestClientTransport(restClient(), new JacksonJsonpMapper()));
    }

    /** The low-level REST client (plain JSON: Elasticsearch and OpenSearch); close it when done. */
    public RestClient restClient() throws IOException {
        List<Header> headers = new ArrayList<>();
        if (authorization() != null) {
            headers.add(new BasicHeader("Authorization", authorization()));
        }
        SSLContext ssl = sslContext();
        return RestClient.builder(HttpHost.create(url))
                .setDefaultHeaders(headers.toArray(new Header[0]))
                .setHttpClientConfigCallback(b -> ssl == null ? b : b.setSSLContext(ssl))
                .build();
    }
}
