package io.github.netblock.loader.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import request checked the way Kibana 8.19 checks it (a real HTTP server on 127.0.0.1): POST to
 * /api/saved_objects/_import?overwrite=true, kbn-xsrf present, multipart with the field "file" whose file
 * name ends in .ndjson, every line a saved object.
 */
class KibanaImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    HttpServer kibana;
    final List<String> problems = new ArrayList<>();
    volatile String answer;
    volatile String authorization;

    @BeforeEach
    void start() throws IOException {
        kibana = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        kibana.createContext("/", this::handle);
        kibana.start();
    }

    @AfterEach
    void stop() {
        kibana.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        problems.clear();
        authorization = ex.getRequestHeaders().getFirst("Authorization");
        if (!ex.getRequestMethod().equals("POST")) {
            problems.add("method " + ex.getRequestMethod());
        }
        if (!ex.getRequestURI().getPath().equals("/api/saved_objects/_import")) {
            problems.add("path " + ex.getRequestURI().getPath());
        }
        if (!"overwrite=true".equals(ex.getRequestURI().getQuery())) {
            problems.add("query " + ex.getRequestURI().getQuery());
        }
        if (ex.getRequestHeaders().getFirst("kbn-xsrf") == null) {
            problems.add("no kbn-xsrf header");
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        Matcher b = Pattern.compile("multipart/form-data; boundary=(.+)").matcher(type == null ? "" : type);
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int objects = 0;
        if (!b.matches()) {
            problems.add("content type " + type);
        } else {
            String[] parts = body.split("--" + Pattern.quote(b.group(1)));
            boolean found = false;
            for (String part : parts) {
                if (part.contains("Content-Disposition: form-data; name=\"file\"; filename=\"") ) {
                    found = true;
                    Matcher f = Pattern.compile("filename=\"([^\"]+)\"").matcher(part);
                    if (!f.find() || !f.group(1).endsWith(".ndjson")) {
                        problems.add("file name");
                    }
                    String content = part.substring(part.indexOf("\r\n\r\n") + 4).strip();
                    for (String line : content.split("\n")) {
                        if (!JSON.readTree(line).has("type")) {
                            problems.add("line without type");
                        }
                        objects++;
                    }
                }
            }
            if (!found) {
                problems.add("no multipart field named file");
            }
        }
        byte[] out = (problems.isEmpty() ? answer.replace("COUNT", String.valueOf(objects))
                : "{\"statusCode\":400,\"error\":\"Bad Request\",\"message\":\"" + problems + "\"}").getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(problems.isEmpty() ? 200 : 400, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    private ElasticsearchConnection connection(String user, String password) {
        return new ElasticsearchConnection("http://127.0.0.1:" + kibana.getAddress().getPort(), user, password, null, null);
    }

    @Test
    void importsTheBundledDashboardsWithTheRequestKibanaExpects() throws IOException {
        answer = "{\"success\":true,\"successCount\":COUNT,\"successResults\":[]}";
        String ndjson = new DashboardFiles(null).kibanaObjects().get(0).json();
        int n = KibanaImport.importObjects(connection("elastic", "pw"), "netblock-dashboards.ndjson", ndjson);
        assertThat(problems).isEmpty();
        assertThat(n).isEqualTo(ndjson.strip().split("\n").length).isEqualTo(4);
        assertThat(authorization).isEqualTo("Basic ZWxhc3RpYzpwdw==");
    }

    @Test
    void reportsEveryObjectKibanaRefuses() {
        answer = "{\"success\":false,\"successCount\":2,\"errors\":[{\"id\":\"netblock-attack-origins\",\"type\":\"dashboard\","
                + "\"title\":\"Attack origins\",\"error\":{\"type\":\"missing_references\",\"references\":[{\"type\":\"index-pattern\",\"id\":\"x\"}]}},"
                + "{\"id\":\"netblock-recent-hits\",\"type\":\"search\",\"title\":\"Recent annotated hits\",\"error\":{\"type\":\"conflict\"}}]}";
        assertThatThrownBy(() -> KibanaImport.importObjects(connection(null, null), "x.ndjson", "{\"type\":\"dashboard\",\"id\":\"a\"}\n"))
                .isInstanceOf(KibanaImport.ImportException.class)
                .hasMessageContaining("imported 2 objects and refused 2")
                .hasMessageContaining("dashboard netblock-attack-origins (Attack origins): missing_references")
                .hasMessageContaining("search netblock-recent-hits (Recent annotated hits): conflict");
    }

    @Test
    void anUnreachableKibanaIsNamed() {
        var nowhere = new ElasticsearchConnection("http://127.0.0.1:9", null, null, null, null);
        assertThatThrownBy(() -> KibanaImport.importObjects(nowhere, "x.ndjson", "{}\n")).hasMessageContaining("cannot reach Kibana at http://127.0.0.1:9");
    }

    @Test
    void sendsAnApiKeyWhenGivenOne() throws IOException {
        answer = "{\"success\":true,\"successCount\":COUNT}";
        var withKey = new ElasticsearchConnection("http://127.0.0.1:" + kibana.getAddress().getPort(), null, null, "a2V5OnNlY3JldA==", null);
        assertThat(KibanaImport.importObjects(withKey, "x.ndjson", "{\"type\":\"dashboard\",\"id\":\"a\"}\n")).isEqualTo(1);
        assertThat(authorization).isEqualTo("ApiKey a2V5OnNlY3JldA==");
    }

    /** A loopback HTTPS server with a self-signed certificate made by the JDK's keytool: trusted only through --ca-cert. */
    @Test
    void trustsAServerOnlyThroughTheGivenCaCertificate(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("kibana.p12");
        Path cert = dir.resolve("ca.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "kibana", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=IP:127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "kibana", "-keystore", keystore.toString(), "-storepass", "changeit", "-file", cert.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(ctx));
        https.createContext("/", this::handle);
        https.start();
        try {
            answer = "{\"success\":true,\"successCount\":COUNT}";
            String url = "https://127.0.0.1:" + https.getAddress().getPort();
            assertThat(KibanaImport.importObjects(new ElasticsearchConnection(url, null, null, null, cert), "x.ndjson",
                    "{\"type\":\"dashboard\",\"id\":\"a\"}\n")).isEqualTo(1);
            assertThatThrownBy(() -> KibanaImport.importObjects(new ElasticsearchConnection(url, null, null, null, null), "x.ndjson",
                    "{\"type\":\"dashboard\",\"id\":\"a\"}\n")).isInstanceOf(SSLHandshakeException.class);
        } finally {
            https.stop(0);
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    @Test
    void anUnreachableKibanaIsReportedWithTheReasonNotNull() {
        ElasticsearchConnection nowhere = new ElasticsearchConnection("http://127.0.0.1:9", null, null, null, null);
        assertThatThrownBy(() -> KibanaImport.importObjects(nowhere, "x.ndjson", "{}\n"))
                .hasMessage("cannot reach Kibana at http://127.0.0.1:9: connection refused");
    }

    @Test
    void theDataViewTitleIsReplacedAndTheOtherObjectsAreLeftAsTheyAre() throws IOException {
        String ndjson = "{\"type\":\"index-pattern\",\"id\":\"v\",\"attributes\":{\"title\":\"netblock-attacks-*\",\"name\":\"N\"}}\n"
                + "{\"type\":\"search\",\"id\":\"s\",\"attributes\":{\"title\":\"netblock-attacks-*\"}}\n";
        String out = KibanaImport.withDataViewTitle(ndjson, "web-*,logs-*-*");
        assertThat(out.split("\n")[0]).contains("\"title\":\"web-*,logs-*-*\"").contains("\"name\":\"N\"");
        assertThat(out.split("\n")[1]).isEqualTo(ndjson.split("\n")[1]);
    }
}
