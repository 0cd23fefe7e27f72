package io.github.netblock.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.it.harness.ElasticsearchNodeExtension;
import io.github.netblock.it.harness.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With security on, the lookup and stats APIs are granted by the monitor privilege and denied without it.
 * On each platform whose integ-test distribution ships a security plugin: Elasticsearch 8.19 and 9.3
 * (x-pack-security, file realm). OpenSearch 3.3.0's integ-test zip has no security plugin (its only modules are
 * transport-netty4 and transport-grpc), so there is no secured OpenSearch node to test it on.
 */
@ParameterizedClass
@MethodSource("io.github.netblock.it.harness.Platforms#secured")
class SecurityIT {
    @RegisterExtension
    static final ElasticsearchNodeExtension ES = ElasticsearchNodeExtension.perPlatform(new ElasticsearchNode.Options().name("secure").security(true)
            .roles("""
                    netblock_investigator:
                      cluster: [ "monitor" ]
                    log_writer:
                      indices:
                        - names: [ "logs-*" ]
                          privileges: [ "write" ]
                    """)
            .user("investigator", "investigator-pw", "netblock_investigator")
            .user("writer", "writer-pw-123", "log_writer"));

    @Parameter
    Platform platform;

    private static RequestOptions as(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return RequestOptions.DEFAULT.toBuilder().addHeader("Authorization", "Basic " + token).build();
    }

    private static Response call(String method, String path, String body, RequestOptions options) throws IOException {
        Request r = new Request(method, path);
        if (body != null) {
            r.setJsonEntity(body);
        }
        r.setOptions(options);
        return ES.node().restClient().performRequest(r);
    }

    private static int status(String path, RequestOptions options) throws IOException {
        try {
            return call("GET", path, null, options).getStatusLine().getStatusCode();
        } catch (ResponseException e) {
            return e.getResponse().getStatusLine().getStatusCode();
        }
    }

    @Test
    void aUserWithTheMonitorPrivilegeMayLookUpAndReadStats() throws IOException {
        RequestOptions investigator = as("investigator", "investigator-pw");
        assertThat(status("/_netblock/lookup/8.8.8.8", investigator)).isEqualTo(200);
        assertThat(status("/_netblock/stats", investigator)).isEqualTo(200);
    }

    @Test
    void aUserWithoutItIsDeniedAndAnonymousIsUnauthenticated() throws IOException {
        assertThat(status("/_netblock/lookup/8.8.8.8", as("writer", "writer-pw-123"))).isEqualTo(403);
        assertThat(status("/_netblock/stats", as("writer", "writer-pw-123"))).isEqualTo(403);
        assertThat(status("/_netblock/lookup/8.8.8.8", RequestOptions.DEFAULT)).isEqualTo(401);
    }

    @Test
    void setupAuthenticatesWithBasicCredentialsAndReportsAWrongPassword() throws Exception {
        var files = new io.github.netblock.loader.setup.DashboardFiles(null); // the copy inside the loader jar
        var ok = new io.github.netblock.loader.setup.ElasticsearchConnection(ES.node().baseUrl(), ElasticsearchNode.ADMIN_USER,
                ElasticsearchNode.ADMIN_PASSWORD, null, null).client();
        try {
            int n = io.github.netblock.loader.setup.ElasticsearchSetup.install(ok, files, null, new java.io.PrintWriter(java.io.Writer.nullWriter()));
            assertThat(n).isEqualTo(4); // 2 component templates, the index template, netblock-source-ip (nginx-access-raw needs grok)
            assertThat(ok.indices().existsIndexTemplate(t -> t.name("netblock-attacks")).value()).isTrue();
        } finally {
            ok._transport().close();
        }
        var wrong = new io.github.netblock.loader.setup.ElasticsearchConnection(ES.node().baseUrl(), ElasticsearchNode.ADMIN_USER,
                "wrong", null, null).client();
        try {
            org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> io.github.netblock.loader.setup.ElasticsearchSetup.install(
                    wrong, files, null, new java.io.PrintWriter(java.io.Writer.nullWriter())));
            assertThat(status("/_index_template/netblock-attacks", as("writer", "writer-pw-123"))).isEqualTo(403);
        } finally {
            wrong._transport().close();
        }
    }
}
