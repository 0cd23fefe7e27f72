package io.github.netblock.loader.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.loader.cli.CliRun;
import io.github.netblock.loader.setup.ElasticsearchConnection;
import io.github.netblock.loader.testing.DnsFixture;
import io.github.netblock.loader.testing.FakeElasticsearch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composite-aggregation paging of {@code resolve --es}, against a server answering as Elasticsearch does (no Elasticsearch runs). */
class ElasticsearchAddressesTest {
    @TempDir
    Path dir;

    private static String v4(long i) {
        return IpAddress.ofV4((int) (0xC6336400L + i)).toString(); // 198.51.100.0 + i
    }

    private List<String> read(ElasticsearchAddresses source) throws IOException {
        List<String> got = new ArrayList<>();
        source.read(new AddressSource.Sink() {
            @Override
            public void address(IpAddress a) {
                got.add(a.toString());
            }

            @Override
            public void bad(String message) {
                got.add("bad: " + message);
            }
        });
        return got;
    }

    @Test
    void pagesWithAfterKeyUntilAnEmptyPage() throws IOException {
        try (FakeElasticsearch es = new FakeElasticsearch(250, ElasticsearchAddressesTest::v4, null)) {
            List<String> got = read(new ElasticsearchAddresses(new ElasticsearchConnection(es.url(), null, null, null, null), "netblock-attacks-*",
                    "source.ip", "@timestamp", "now-86400s", 100, Duration.ofSeconds(5)));
            assertThat(got).hasSize(250).startsWith("198.51.100.0").endsWith("198.51.100.249").doesNotHaveDuplicates();
            assertThat(es.requests()).hasSize(4); // 100, 100, 50, then the empty page
            assertThat(es.requests().get(0).path("aggs").path("addresses").path("composite").has("after")).isFalse();
            assertThat(es.requests().get(1).at("/aggs/addresses/composite/after/ip").asText()).isEqualTo("198.51.100.99");
            assertThat(es.requests().get(0).at("/aggs/addresses/composite/sources/0/ip/terms/field").asText()).isEqualTo("source.ip");
            assertThat(es.requests().get(0).at("/query/range/@timestamp/gte").asText()).isEqualTo("now-86400s");
            assertThat(es.requests().get(0).path("size").asInt()).isZero();
        }
    }

    @Test
    void refusedCredentialsAndAnUnreachableServerAreClearErrors() throws IOException {
        try (FakeElasticsearch es = new FakeElasticsearch(5, ElasticsearchAddressesTest::v4, "ApiKey c2VjcmV0")) {
            ElasticsearchAddresses wrong = new ElasticsearchAddresses(new ElasticsearchConnection(es.url(), null, null, "b3RoZXI=", null), "logs-*",
                    "source.ip", "@timestamp", null, 100, Duration.ofSeconds(5));
            assertThatThrownBy(() -> read(wrong)).isInstanceOf(IOException.class).hasMessageContaining("refused the credentials")
                    .hasMessageContaining("unable to authenticate");
            assertThat(read(new ElasticsearchAddresses(new ElasticsearchConnection(es.url(), null, null, "c2VjcmV0", null), "logs-*",
                    "source.ip", "@timestamp", null, 100, Duration.ofSeconds(5)))).hasSize(5);
        }
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> read(new ElasticsearchAddresses(new ElasticsearchConnection("http://127.0.0.1:" + port, null, null, null, null),
                "logs-*", "source.ip", "@timestamp", null, 100, Duration.ofSeconds(5)))).hasMessageContaining("cannot reach Elasticsearch");
    }

    @Test
    void resolveEsEndToEnd() throws IOException, InterruptedException {
        try (FakeElasticsearch es = new FakeElasticsearch(40, ElasticsearchAddressesTest::v4, null);
             DnsFixture dns = new DnsFixture().anyPtr(n -> "host-" + n.getLabelString(0) + ".example.net")) {
            Path config = Files.writeString(dir.resolve("loader.yml"), "feeds:\n  - name: x\n    format: rdns-csv\n    files: [x.csv]\n");
            CliRun r = CliRun.of("resolve", "-c", config.toString(), "--es", es.url(), "--index", "netblock-attacks-*", "--since", "24h",
                    "--page-size", "16", "--dns-server", dns.address(), "--no-registrars", "--no-networks");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("40 distinct from 40 read").contains("40 answered");
            List<String> rdns = Files.readAllLines(dir.resolve("cache/resolve/rdns.csv"));
            assertThat(rdns).hasSize(41).anySatisfy(l -> assertThat(l).startsWith("198.51.100.7,host-7.example.net,2"));
            assertThat(es.requests()).hasSize(4); // 16 + 16 + 8 + the empty page
        }
    }
}
