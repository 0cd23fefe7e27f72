package io.github.netblock.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.it.harness.ElasticsearchNodeExtension;
import io.github.netblock.loader.cli.CliRun;
import io.github.netblock.loader.resolve.ResolveFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reverse DNS and registrars for real, end to end on a real node (issue 12): scanner documents are
 * indexed; {@code resolve --es} reads their distinct addresses from Elasticsearch and asks the loopback
 * DNS, RDAP and WHOIS fixtures ({@link ResolveFixtures}, whose comment lists every answer; documentation
 * addresses only, nothing leaves the machine); {@code update --es} builds a database of the store's feeds
 * (plus one RIPE-style dump object) and publishes it into the cluster as {@code default}; new documents carry
 * the PTR name, its registered domain, the registrar with its IANA id, and, for an address whose network came
 * from RDAP alone, the network's name, owner and abuse contact, through the index's pipeline and through the
 * shipped {@code netblock-source-ip} with its default properties; {@code backfill --missing source.domain}
 * fills the documents indexed before; the count is the same before and after.
 *
 * <p>The index's pipeline asks for {@code registrar.iana_id} and the RDAP network's fields by name
 * (the default properties leave the IANA id out). The documents indexed first meet the bundled
 * database, which knows 192.0.2.0/24 and 198.51.100.0/24 as IANA's blocks "Documentation (TEST-NET-1)" and
 * "(TEST-NET-2)" (its iana-ipv4-special-registry.csv), so they have a
 * netblock and no domain: what backfill's {@code --missing source.domain} picks.
 */
class ResolveIT {
    @RegisterExtension
    static final ElasticsearchNodeExtension ES = new ElasticsearchNodeExtension(new ElasticsearchNode.Options().name("resolve-it"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PIPELINE = "netblock-resolve-it";
    private static final String OLD = "netblock-attacks-resolve-old";
    private static final String NEW = "netblock-attacks-resolve-new";
    /** An index of the template alone: its default pipeline, the shipped {@code netblock-source-ip}. */
    private static final String DEFAULTS = "netblock-attacks-resolve-defaults";
    /**
     * The scanners, by the fixtures' answers: .10 and .11 have PTR names under .com and .net (registrar by
     * RDAP, IANA id 376), .12 has none (NXDOMAIN), .14's name is under .org (registrar by WHOIS, thin
     * registry, IANA id 376), 198.51.100.7's under .co.uk (WHOIS, Nominet style: no IANA id), 2001:db8::7's
     * under .com.
     */
    private static final List<String> SCANNERS = List.of("192.0.2.10", "192.0.2.11", "192.0.2.12", "192.0.2.14", "198.51.100.7", "2001:db8::7");
    private static final int HITS_EACH = 25;

    static ResolveFixtures fx;

    @BeforeAll
    static void start() throws IOException {
        CliRun setup = CliRun.of("setup", "--es", ES.node().baseUrl());
        assertThat(setup.exit()).as(setup.err()).isZero();
        fx = new ResolveFixtures();
        call("PUT", "/_ingest/pipeline/" + PIPELINE, "{\"processors\": [{\"netblock\": {\"field\": \"source.ip\", \"ignore_missing\": true,"
                + " \"properties\": [\"domain\", \"registered_domain\", \"top_level_domain\", \"registrar.name\", \"registrar.iana_id\","
                + " \"netblock.key\", \"netblock.name\", \"netblock.owner.name\", \"netblock.abuse.email\", \"netblock.country_iso_code\"]}}]}");
        for (String index : List.of(OLD, NEW)) {
            // the netblock-attacks template gives the mappings; the index's own setting names the pipeline
            call("PUT", "/" + index, "{\"settings\": {\"index.default_pipeline\": \"" + PIPELINE + "\"}}");
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void resolvedNamesRegistrarsAndRdapNetworksReachNewDocumentsAndBackfillGivesThemToTheOldOnes(@TempDir Path dir) throws Exception {
        index(OLD, "old");
        long oldCount = count(OLD, null);
        assertThat(oldCount).isEqualTo(SCANNERS.size() * HITS_EACH);
        assertThat(count(OLD, "{\"exists\": {\"field\": \"source.domain\"}}")).as("the bundled database has no PTR names").isZero();
        assertThat(count(OLD, "{\"term\": {\"source.netblock.name\": \"Documentation (TEST-NET-1)\"}}")).as("but IANA's blocks").isEqualTo(4L * HITS_EACH);

        // resolve the distinct source.ip values of the index against the fixtures, into the store of the configuration
        Files.writeString(dir.resolve("ripe.db.inetnum"), """
                inetnum:        198.51.100.0 - 198.51.100.255
                netname:        DUMP-WINS-NET
                country:        DE
                status:         ASSIGNED PA
                source:         RIPE
                """);
        Path config = Files.writeString(dir.resolve("loader.yml"), """
                cache: cache
                feeds:
                  - name: ripe
                    format: rpsl
                    files: [ripe.db.inetnum]
                  - name: rdap-networks
                    format: rdap-json
                    optional: true
                    files: [cache/resolve/rdap-networks.jsonl]
                  - name: resolved-rdns
                    format: rdns-csv
                    optional: true
                    files: [cache/resolve/rdns.csv]
                  - name: resolved-registrars
                    format: registrar-csv
                    optional: true
                    files: [cache/resolve/registrars.csv]
                """);
        CliRun resolve = CliRun.of("resolve", "-c", config.toString(), "--es", ES.node().baseUrl(), "--index", "netblock-attacks-resolve-*",
                "--since", "0", "--confirm", "--dns-server", fx.dns.address(), "--dns-timeout", "500ms",
                "--refresh-bootstrap", "--bootstrap-url", fx.rdap.bootstrapUrl(), "--whois-server", fx.ianaWhois(),
                "--rdap-rate", "50", "--whois-rate", "50", "--http-timeout", "5s", "--deadline", "60s");
        assertThat(resolve.exit()).as(resolve.out() + resolve.err()).isZero();
        // six distinct addresses (the composite aggregation's pages); five PTR names, one NXDOMAIN
        assertThat(resolve.out()).contains("6 asked, 5 answered");

        // what an operator runs daily: fetch (local files here), build and publish into the cluster, served once it answers
        CliRun update = CliRun.of("update", "-c", config.toString(), "--es", ES.node().baseUrl(), "--name", "default");
        assertThat(update.exit()).as(update.out() + update.err()).isZero();
        assertThat(update.out()).contains("database [default] generation 1");
        JsonNode published = JSON.readTree(call("GET", "/_netblock/database/default", null)).at("/databases/default");
        assertThat(published.at("/active_on/0").asText()).isEqualTo(ES.node().name());

        index(NEW, "new");
        assertThat(count(NEW, null)).isEqualTo(SCANNERS.size() * HITS_EACH);
        // expected values from ResolveFixtures' zone and registries, see SCANNERS
        Map<String, Object[]> expected = Map.of(
                "192.0.2.10", new Object[] {"scanner-10.example.com", "example.com", "RESERVED-Internet Assigned Numbers Authority", 376},
                "192.0.2.11", new Object[] {"mail.example.net", "example.net", "RESERVED-Internet Assigned Numbers Authority", 376},
                "192.0.2.14", new Object[] {"host.example.org", "example.org", "RESERVED-Internet Assigned Numbers Authority", 376},
                "198.51.100.7", new Object[] {"vps7.example.co.uk", "example.co.uk", "Example Registrar Ltd", null},
                "2001:db8::7", new Object[] {"v6.example.com", "example.com", "RESERVED-Internet Assigned Numbers Authority", 376});
        for (var e : expected.entrySet()) {
            JsonNode s = firstSource(NEW, e.getKey());
            Object[] v = e.getValue();
            assertThat(s.at("/domain").asText()).as(e.getKey()).isEqualTo(v[0]);
            assertThat(s.at("/registered_domain").asText()).as(e.getKey()).isEqualTo(v[1]);
            assertThat(s.at("/registrar/name").asText()).as(e.getKey()).isEqualTo(v[2]);
            if (v[3] == null) {
                assertThat(s.at("/registrar/iana_id").isMissingNode()).as(e.getKey()).isTrue();
            } else {
                assertThat(s.at("/registrar/iana_id").asInt()).as(e.getKey()).isEqualTo(v[3]);
            }
            assertThat(count(NEW, "{\"bool\": {\"filter\": [{\"term\": {\"source.ip\": \"" + e.getKey() + "\"}}, "
                    + "{\"term\": {\"source.domain\": \"" + v[0] + "\"}}]}}")).as("every hit of " + e.getKey()).isEqualTo(HITS_EACH);
        }
        assertThat(count(NEW, "{\"exists\": {\"field\": \"source.registrar.iana_id\"}}")).isEqualTo(4L * HITS_EACH);
        assertThat(firstSource(NEW, "192.0.2.12").has("domain")).as("NXDOMAIN: no name").isFalse();
        // 192.0.2.0/24 came only from RDAP (the ARIN-style answer of the fixture): name, registrant, nested abuse contact
        JsonNode rdapOnly = firstSource(NEW, "192.0.2.10").path("netblock");
        assertThat(rdapOnly.path("key").asText()).isEqualTo("192.0.2.0/24");
        assertThat(rdapOnly.path("name").asText()).isEqualTo("EXAMPLE-NET-1");
        assertThat(rdapOnly.at("/owner/name").asText()).isEqualTo("Example Hosting Inc.");
        assertThat(rdapOnly.at("/abuse/email").asText()).isEqualTo("abuse@hosting.example");
        assertThat(count(NEW, "{\"term\": {\"source.netblock.abuse.email\": \"abuse@hosting.example\"}}")).isEqualTo(4L * HITS_EACH);
        // 198.51.100.0/24: the dump's object wins field by field, the RDAP answer (RIPE-style) fills the abuse contact it lacks
        JsonNode merged = firstSource(NEW, "198.51.100.7").path("netblock");
        assertThat(merged.path("name").asText()).isEqualTo("DUMP-WINS-NET");
        assertThat(merged.path("country_iso_code").asText()).isEqualTo("DE");
        assertThat(merged.at("/abuse/email").asText()).isEqualTo("abuse@doc.example");

        // the shipped pipeline of the netblock-attacks-* template (netblock-source-ip, default properties): the PTR name,
        // its domains and the registrar's name, the RDAP network's name, owner and abuse contact; no IANA id (opt-in)
        index(DEFAULTS, "defaults");
        JsonNode shipped = firstSource(DEFAULTS, "192.0.2.10");
        assertThat(shipped.at("/domain").asText()).isEqualTo("scanner-10.example.com");
        assertThat(shipped.at("/registered_domain").asText()).isEqualTo("example.com");
        assertThat(shipped.at("/registrar/name").asText()).isEqualTo("RESERVED-Internet Assigned Numbers Authority");
        assertThat(shipped.at("/registrar/iana_id").isMissingNode()).isTrue();
        assertThat(shipped.at("/netblock/name").asText()).isEqualTo("EXAMPLE-NET-1");
        assertThat(shipped.at("/netblock/owner/name").asText()).isEqualTo("Example Hosting Inc.");
        assertThat(shipped.at("/netblock/abuse/email").asText()).isEqualTo("abuse@hosting.example");
        assertThat(count(DEFAULTS, "{\"exists\": {\"field\": \"source.domain\"}}")).isEqualTo(5L * HITS_EACH);

        // the documents indexed before: filled in place, none lost or added
        CliRun backfill = CliRun.of("backfill", "--es", ES.node().baseUrl(), "--index", OLD, "--pipeline", PIPELINE, "--missing", "source.domain");
        assertThat(backfill.exit()).as(backfill.out() + backfill.err()).isZero();
        // 150 documents, all without source.domain; the integ-test distribution has no update_by_query: from this machine
        assertThat(backfill.out()).contains("150 of 150 documents of " + OLD + " selected")
                .contains("0 version conflicts, 0 failed (150 selected");
        call("POST", "/" + OLD + "/_refresh", null);
        assertThat(count(OLD, null)).as("nothing deleted, nothing added").isEqualTo(oldCount);
        for (var e : expected.entrySet()) {
            assertThat(count(OLD, "{\"bool\": {\"filter\": [{\"term\": {\"source.ip\": \"" + e.getKey() + "\"}}, "
                    + "{\"term\": {\"source.domain\": \"" + e.getValue()[0] + "\"}}, "
                    + "{\"term\": {\"source.registrar.name\": \"" + e.getValue()[2] + "\"}}]}}")).as("old hits of " + e.getKey()).isEqualTo(HITS_EACH);
        }
        JsonNode old = firstSource(OLD, "192.0.2.10");
        assertThat(old.at("/registered_domain").asText()).isEqualTo("example.com");
        assertThat(old.at("/registrar/iana_id").asInt()).isEqualTo(376);
        // the processor keeps what a document has: the netblock the bundled database gave stays (override is false)
        assertThat(old.at("/netblock/name").asText()).isEqualTo("Documentation (TEST-NET-1)");
        // the documents' own fields stay: one in five of the 150 asked for the first path
        assertThat(count(OLD, "{\"term\": {\"url.original\": \"/phpMyAdmin/scripts/setup.php\"}}")).isEqualTo(30);
        assertThat(count(OLD, "{\"bool\": {\"must_not\": {\"exists\": {\"field\": \"source.domain\"}}}}")).as("192.0.2.12 has no name")
                .isEqualTo(HITS_EACH);
    }

    /** {@code HITS_EACH} scanner requests from each address, through the index's default pipeline. */
    private static void index(String index, String idPrefix) throws IOException {
        StringBuilder bulk = new StringBuilder();
        String[] paths = {"/phpMyAdmin/scripts/setup.php", "/wp-login.php", "/.env", "/cgi-bin/luci", "/HNAP1/"};
        int n = 0;
        for (String ip : SCANNERS) {
            for (int k = 0; k < HITS_EACH; k++, n++) {
                bulk.append("{\"index\": {\"_id\": \"").append(idPrefix).append('-').append(n).append("\"}}\n").append(JSON.writeValueAsString(Map.of(
                        "@timestamp", String.format("2026-11-27T%02d:%02d:00Z", n / 60 % 24, n % 60),
                        "source", Map.of("ip", ip),
                        "url", Map.of("original", paths[n % paths.length]),
                        "user_agent", Map.of("original", "ZmEu")))).append('\n');
            }
        }
        JsonNode r = JSON.readTree(call("POST", "/" + index + "/_bulk?refresh=true", bulk.toString()));
        assertThat(r.path("errors").asBoolean()).as(r.toString()).isFalse();
    }

    private static JsonNode firstSource(String index, String ip) throws IOException {
        JsonNode r = JSON.readTree(call("POST", "/" + index + "/_search", "{\"size\": 1, \"query\": {\"term\": {\"source.ip\": \"" + ip + "\"}}}"));
        JsonNode hit = r.at("/hits/hits/0/_source/source");
        assertThat(hit.isMissingNode()).as("a document of " + ip + " in " + index).isFalse();
        return hit;
    }

    private static long count(String index, String query) throws IOException {
        return JSON.readTree(call("POST", "/" + index + "/_count", query == null ? "{}" : "{\"query\": " + query + "}")).path("count").asLong();
    }

    private static String call(String method, String path, String body) throws IOException {
        RestClient rest = ES.node().restClient();
        Request r = new Request(method, path);
        if (body != null) {
            r.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
        }
        return EntityUtils.toString(rest.performRequest(r).getEntity(), StandardCharsets.UTF_8);
    }
}
