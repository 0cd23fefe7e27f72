package io.github.netblock.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.it.harness.ElasticsearchNodeExtension;
import io.github.netblock.loader.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code netblock-loader backfill} on a real node: scanner documents indexed with {@code ?pipeline=_none}
 * (as they were before setup) are annotated in place through netblock-source-ip. The integ-test distribution
 * has no reindex module (no {@code _update_by_query}), so on this node backfill takes its other path, from the
 * loader's machine by scroll and conditional bulk; the {@code _update_by_query} task path (throttle, progress,
 * resume) is tested against a loopback server answering as Elasticsearch does ({@code UpdateByQueryRoundsTest},
 * {@code TaskStatusTest}).
 *
 * <p>Expected values, read by hand in ingest-plugin/bundled-database/src/data/ip-location-db (one row
 * holds each address in each file): asn-ipv4.csv.gz {@code 8.8.8.0,8.8.8.255,15169,Google LLC},
 * {@code 1.1.1.0,1.1.1.255,13335,"Cloudflare, Inc."}, {@code 9.9.9.0,9.9.9.255,19281,Quad9},
 * {@code 193.0.0.0,193.0.7.255,3333,Reseaux IP Europeens Network Coordination Centre (RIPE NCC)},
 * {@code 208.67.216.0,208.67.223.255,36692,"Cisco OpenDNS, LLC"}; geo-whois-asn-country-ipv4.csv.gz
 * {@code 6.0.0.0,8.10.5.255,US}, {@code 1.1.1.0,1.1.1.255,AU}, {@code 8.236.0.0,9.128.255.255,US},
 * {@code 193.0.0.0,193.0.23.255,NL}, {@code 208.67.172.0,208.68.15.255,US}.
 */
class BackfillIT {
    @RegisterExtension
    static final ElasticsearchNodeExtension ES = new ElasticsearchNodeExtension(new ElasticsearchNode.Options().name("backfill-it"));
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The integ-test distribution has no reindex module: backfill runs from the CLI's machine there (see the README). */
    private static final String NO_UPDATE_BY_QUERY = "has no _update_by_query (its reindex module is missing, as in the integ-test distribution)";

    /** address, AS number, country: from the bundled data files, see the class comment. */
    private static final List<Object[]> ATTACKERS = List.of(
            new Object[] {"8.8.8.8", 15169, "US"},
            new Object[] {"1.1.1.1", 13335, "AU"},
            new Object[] {"9.9.9.9", 19281, "US"},
            new Object[] {"193.0.6.139", 3333, "NL"},
            new Object[] {"208.67.222.222", 36692, "US"});
    private static final String[] PATHS = {"/phpMyAdmin/scripts/setup.php", "/wp-login.php", "/.env", "/cgi-bin/luci", "/HNAP1/"};

    @BeforeAll
    static void setup() {
        CliRun setup = CliRun.of("setup", "--es", ES.node().baseUrl());
        assertThat(setup.exit()).as(setup.err()).isZero();
    }

    @Test
    void documentsIndexedBeforeSetupAreAnnotatedInPlaceAndASecondRunHasNothingToDo() throws Exception {
        RestClient rest = ES.node().restClient();
        String index = "netblock-attacks-old-2026.11.01";
        indexScannerHits(rest, index, 0, 1200, null);
        // a document without an address is not the pipeline's business: never selected, never changed
        call(rest, "POST", "/" + index + "/_doc/no-address?pipeline=_none&refresh=true", "{\"message\": \"no source here\"}");
        assertThat(count(rest, index, "{\"exists\": {\"field\": \"source.as\"}}")).isZero();
        assertThat(count(rest, index, null)).isEqualTo(1201);

        CliRun run = CliRun.of("backfill", "--es", ES.node().baseUrl(), "--index", "netblock-attacks-old-*");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("1,200 of 1,201 documents of netblock-attacks-old-* selected: documents with source.ip and none of "
                        + "source.as.number, source.netblock, source.domain; pipeline netblock-source-ip")
                .contains(NO_UPDATE_BY_QUERY).contains("backfilling from this machine instead")
                .contains("backfill: 1,200 updated, 0 noops, 0 version conflicts, 0 failed (1,200 selected, 2 batches, unthrottled; from this machine)");
        assertThat(run.err()).isEmpty();

        call(rest, "POST", "/" + index + "/_refresh", null);
        assertThat(count(rest, index, null)).as("nothing deleted, nothing added").isEqualTo(1201);
        assertThat(count(rest, index, "{\"bool\": {\"filter\": {\"exists\": {\"field\": \"source.ip\"}}, "
                + "\"must_not\": {\"exists\": {\"field\": \"source.as.number\"}}}}")).isZero();
        for (Object[] a : ATTACKERS) {
            long hits = count(rest, index, "{\"term\": {\"source.ip\": \"" + a[0] + "\"}}");
            assertThat(hits).isEqualTo(240);
            assertThat(count(rest, index, "{\"bool\": {\"filter\": [{\"term\": {\"source.ip\": \"" + a[0] + "\"}}, "
                    + "{\"term\": {\"source.as.number\": " + a[1] + "}}, {\"term\": {\"source.geo.country_iso_code\": \"" + a[2] + "\"}}]}}"))
                    .as("%s is AS%s in %s", a[0], a[1], a[2]).isEqualTo(hits);
        }
        JsonNode doc = get(rest, "/" + index + "/_doc/hit-0").path("_source");
        assertThat(doc.at("/url/original").asText()).as("the document's own fields stay").isEqualTo(PATHS[0]);
        assertThat(doc.at("/source/as/organization/name").asText()).isEqualTo("Google LLC");
        assertThat(get(rest, "/" + index + "/_doc/no-address").path("_version").asLong()).isEqualTo(1);

        CliRun again = CliRun.of("backfill", "--es", ES.node().baseUrl(), "--index", "netblock-attacks-old-*");
        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("0 of 1,201 documents of netblock-attacks-old-* selected").contains("backfill: nothing to do");
        assertThat(get(rest, "/" + index + "/_doc/hit-0").path("_version").asLong()).as("not written again").isEqualTo(2);
    }

    @Test
    void theThrottleSpacesTheWritesAndATaskNeedsUpdateByQuery() throws Exception {
        RestClient rest = ES.node().restClient();
        String index = "netblock-attacks-2026.11.02";
        indexScannerHits(rest, index, 0, 2000, null);

        CliRun noWait = CliRun.of("backfill", "--es", ES.node().baseUrl(), "--index", index, "--no-wait");
        assertThat(noWait.exit()).isEqualTo(1);
        assertThat(noWait.err()).contains(NO_UPDATE_BY_QUERY).contains("--no-wait needs it: without --no-wait backfill runs from this machine");
        assertThat(count(rest, index, "{\"exists\": {\"field\": \"source.as.number\"}}")).isZero();

        long started = System.nanoTime();
        CliRun run = CliRun.of("backfill", "--es", ES.node().baseUrl(), "--index", index, "--requests-per-second", "500");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        Matcher m = Pattern.compile("backfill: 2,000 updated, 0 noops, 0 version conflicts, 0 failed \\(2,000 selected, 2 batches, "
                + "500 requests/s, throttled (\\d+\\.\\d) s; from this machine\\)").matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        // 1,000 documents a page at 500 a second: the second page waits until 2 s after the start
        assertThat(Double.parseDouble(m.group(1))).isGreaterThan(0.5);
        assertThat(millis).isGreaterThanOrEqualTo(2000);
        call(rest, "POST", "/" + index + "/_refresh", null);
        assertThat(count(rest, index, "{\"exists\": {\"field\": \"source.as.number\"}}")).isEqualTo(2000);
    }

    @Test
    void aDocumentWhoseAddressIsNotOneFailsAloneAndIsReportedAndTheOthersAreAnnotated() throws Exception {
        RestClient rest = ES.node().restClient();
        String index = "legacy-hits"; // indexed before any template: source.ip mapped dynamically, any text accepted
        indexScannerHits(rest, index, 0, 1500, "not-an-ip");
        assertThat(count(rest, index, null)).isEqualTo(1501);

        CliRun run = CliRun.of("backfill", "--es", ES.node().baseUrl(), "--index", index);
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("backfill: 1,500 updated, 0 noops, 0 version conflicts, 1 failed (1,501 selected, 2 batches, ");
        assertThat(run.err()).contains("1 document failed and is left as before:")
                .contains("legacy-hits/bad-address: ").contains("field [source.ip] value [not-an-ip] is not an IP address");

        call(rest, "POST", "/" + index + "/_refresh", null);
        assertThat(count(rest, index, null)).isEqualTo(1501);
        assertThat(count(rest, index, "{\"exists\": {\"field\": \"source.as.number\"}}")).isEqualTo(1500);
        JsonNode bad = get(rest, "/" + index + "/_doc/bad-address");
        assertThat(bad.path("_version").asLong()).as("left as it was").isEqualTo(1);
        assertThat(bad.at("/_source/source/as").isMissingNode()).isTrue();
    }

    @Test
    void aMissingPipelineAndAnIndexPatternThatMatchesNothingAreRefusedBeforeAnyTask() throws Exception {
        CliRun noPipeline = CliRun.of("backfill", "--es", ES.node().baseUrl(), "--index", "netblock-attacks-*", "--pipeline", "no-such-pipeline");
        assertThat(noPipeline.exit()).isEqualTo(3);
        assertThat(noPipeline.err()).contains("pipeline no-such-pipeline does not exist in Elasticsearch at " + ES.node().baseUrl());

        CliRun noIndex = CliRun.of("backfill", "--es", ES.node().baseUrl(), "--index", "nothing-here-*");
        assertThat(noIndex.exit()).isEqualTo(3);
        assertThat(noIndex.err()).contains("index pattern nothing-here-* matches no index, alias or data stream in Elasticsearch at "
                + ES.node().baseUrl());

        call(ES.node().restClient(), "PUT", "/_ingest/pipeline/no-netblock", "{\"processors\": []}");
        CliRun wrongPipeline = CliRun.of("backfill", "--es", ES.node().baseUrl(), "--index", "netblock-attacks-*", "--pipeline", "no-netblock");
        assertThat(wrongPipeline.exit()).isEqualTo(3);
        assertThat(wrongPipeline.err()).contains("pipeline no-netblock has no netblock processor");

        CliRun noTask = CliRun.of("backfill", "--es", ES.node().baseUrl(), "--resume", "nosuchnode:42");
        assertThat(noTask.exit()).isEqualTo(3);
        assertThat(noTask.err()).contains("task nosuchnode:42 does not exist in Elasticsearch at " + ES.node().baseUrl());
    }

    /** {@code n} scanner hits from the attackers in turn, ids hit-0..., without the pipeline; a first document with {@code badAddress}. */
    private static void indexScannerHits(RestClient rest, String index, int from, int n, String badAddress) throws IOException {
        StringBuilder bulk = new StringBuilder();
        if (badAddress != null) {
            bulk.append("{\"index\": {\"_id\": \"bad-address\"}}\n").append(JSON.writeValueAsString(Map.of(
                    "@timestamp", "2026-11-01T00:00:00Z", "source", Map.of("ip", badAddress), "url", Map.of("original", "/")))).append('\n');
        }
        for (int i = from; i < from + n; i++) {
            Object[] a = ATTACKERS.get(i % ATTACKERS.size());
            bulk.append("{\"index\": {\"_id\": \"hit-").append(i).append("\"}}\n").append(JSON.writeValueAsString(Map.of(
                    "@timestamp", String.format("2026-11-01T%02d:%02d:%02dZ", i / 3600 % 24, i / 60 % 60, i % 60),
                    "source", Map.of("ip", a[0]),
                    "url", Map.of("original", PATHS[i % PATHS.length]),
                    "user_agent", Map.of("original", "ZmEu"),
                    "http", Map.of("request", Map.of("method", "GET"), "response", Map.of("status_code", 404))))).append('\n');
        }
        JsonNode r = JSON.readTree(call(rest, "POST", "/" + index + "/_bulk?pipeline=_none&refresh=true", bulk.toString()));
        assertThat(r.path("errors").asBoolean()).as(r.toString()).isFalse();
    }

    private static long count(RestClient rest, String index, String query) throws IOException {
        return JSON.readTree(call(rest, "POST", "/" + index + "/_count", query == null ? "{}" : "{\"query\": " + query + "}")).path("count").asLong();
    }

    private static JsonNode get(RestClient rest, String path) throws IOException {
        return JSON.readTree(call(rest, "GET", path, null));
    }

    private static String call(RestClient rest, String method, String path, String body) throws IOException {
        Request r = new Request(method, path);
        if (body != null) {
            r.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
        }
        return EntityUtils.toString(rest.performRequest(r).getEntity(), StandardCharsets.UTF_8);
    }
}
