package io.github.netblock.loader.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.loader.progress.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The update_by_query path against a loopback server that answers as a cluster with the reindex module
 * does (the integration tests' distribution has none): the request's parameters, polling until the task
 * is completed, and a second round without the document that stopped the first.
 */
class UpdateByQueryRoundsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PipelineTarget SOURCE = new PipelineTarget("netblock-source-ip", "source.ip", "source");

    private HttpServer server;
    private BackfillApi api;
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<JsonNode> queries = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> taskAnswers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/legacy-hits/_update_by_query", ex -> {
            started.add(ex.getRequestURI().getRawQuery());
            queries.add(JSON.readTree(ex.getRequestBody()).path("query"));
            answer(ex, 200, "{\"task\": \"n1:" + started.size() + "\"}");
        });
        server.createContext("/_tasks/", ex -> {
            String id = ex.getRequestURI().getPath().substring("/_tasks/".length());
            List<String> answers = taskAnswers.get(id);
            if (answers == null) {
                answer(ex, 404, "{\"error\": {\"root_cause\": [{\"type\": \"resource_not_found_exception\", \"reason\": \"task [" + id
                        + "] isn't running and hasn't stored its results\"}], \"type\": \"resource_not_found_exception\"}, \"status\": 404}");
                return;
            }
            int n = polls.computeIfAbsent(id, k -> new AtomicInteger()).getAndIncrement();
            answer(ex, 200, answers.get(Math.min(n, answers.size() - 1)));
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        api = new BackfillApi(RestClient.builder(HttpHost.create(url)).build(), url);
    }

    @AfterEach
    void stop() throws IOException {
        api.close();
        server.stop(0);
    }

    @Test
    void theTaskIsStartedWithConflictsProceedAndTheThrottleAndFollowedUntilItIsCompleted() throws Exception {
        taskAnswers.put("n1:1", List.of(running(1500, 0), running(1500, 1000), completed(1500, 1500, "")));
        StringWriter log = new StringWriter();
        List<String> followed = new ArrayList<>();
        BackfillSummary summary = run(log, followed).run(new BackfillRequest("legacy-hits", SOURCE, Selection.unannotated(), 250f, "auto", 100));

        assertThat(started).containsExactly("pipeline=netblock-source-ip&conflicts=proceed&wait_for_completion=false"
                + "&requests_per_second=250.0&slices=auto");
        assertThat(queries.get(0)).isEqualTo(Selection.unannotated().query(SOURCE, List.of()));
        assertThat(polls.get("n1:1").get()).isEqualTo(3);
        assertThat(followed).containsExactly("n1:1");
        assertThat(summary.complete()).isTrue();
        assertThat(summary.updated()).isEqualTo(1500);
        StringWriter out = new StringWriter();
        summary.print(new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(out.toString()).isEqualTo("backfill: 1,500 updated, 0 noops, 0 version conflicts, 0 failed "
                + "(1,500 selected, 2 batches, 250 requests/s, throttled 2.0 s; task n1:1)\n");
        assertThat(log.toString()).contains("backfill task n1:1 started")
                .contains("backfill task n1:1: 1,500 documents of 1,500 (updated 1,500, version conflicts 0, batches 2), done");
    }

    @Test
    void aTaskStoppedByAFailedDocumentIsFollowedByARoundWithoutIt() throws Exception {
        String failure = """
                {"index": "legacy-hits", "id": "bad-1", "status": 400,
                 "cause": {"type": "illegal_argument_exception", "reason": "field [source.ip] value [x] is not an IP address"}}""";
        taskAnswers.put("n1:1", List.of(completed(1501, 999, failure)));
        taskAnswers.put("n1:2", List.of(completed(501, 501, "", -1)));
        StringWriter log = new StringWriter();
        BackfillSummary summary = run(log, new ArrayList<>()).run(new BackfillRequest("legacy-hits", SOURCE, Selection.unannotated(), null, "2", 100));

        assertThat(started).hasSize(2);
        assertThat(started.get(0)).endsWith("&requests_per_second=-1&slices=2");
        assertThat(queries.get(1)).isEqualTo(Selection.unannotated().query(SOURCE,
                List.of(new DocumentFailure("legacy-hits", "bad-1", 400, "ignored"))));
        assertThat(log.toString()).contains("task n1:1 stopped after its batch with 1 failed document (update_by_query stops there); going on without it")
                .contains("backfill task n1:2 started (round 2, 1 failed documents left out)");
        assertThat(summary.updated()).isEqualTo(1500);
        assertThat(summary.complete()).isFalse();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        summary.print(new PrintWriter(out), new PrintWriter(err));
        assertThat(out.toString()).startsWith("backfill: 1,500 updated, 0 noops, 0 version conflicts, 1 failed (1,501 selected, 4 batches, unthrottled; tasks n1:1, n1:2)");
        assertThat(err.toString()).isEqualTo("1 document failed and is left as before:\n"
                + "  legacy-hits/bad-1: field [source.ip] value [x] is not an IP address\n");
    }

    @Test
    void roundsStopAtMaxFailures() throws Exception {
        taskAnswers.put("n1:1", List.of(completed(10, 8, """
                {"index": "legacy-hits", "id": "a", "status": 400, "cause": {"reason": "bad a"}},
                {"index": "legacy-hits", "id": "b", "status": 400, "cause": {"reason": "bad b"}}""")));
        BackfillSummary summary = run(new StringWriter(), new ArrayList<>()).run(new BackfillRequest("legacy-hits", SOURCE, Selection.all(), null, "auto", 2));
        assertThat(started).hasSize(1);
        assertThat(summary.stoppedBecause()).startsWith("2 documents failed (--max-failures 2)");
    }

    @Test
    void resumeFollowsAnUpdateByQueryTaskAndRefusesAnyOtherOrAnUnknownOne() throws Exception {
        taskAnswers.put("n1:5", List.of(completed(20, 20, "")));
        assertThat(run(new StringWriter(), new ArrayList<>()).attach("n1:5").updated()).isEqualTo(20);
        taskAnswers.put("n1:6", List.of("{\"completed\": false, \"task\": {\"node\": \"n1\", \"id\": 6, \"action\": \"cluster:monitor/nodes/stats\"}}"));
        assertThatThrownBy(() -> run(new StringWriter(), new ArrayList<>()).attach("n1:6")).isInstanceOf(InvalidInputException.class)
                .hasMessage("task n1:6 is not an update_by_query task but cluster:monitor/nodes/stats");
        assertThatThrownBy(() -> run(new StringWriter(), new ArrayList<>()).attach("n1:404")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("task n1:404 does not exist in Elasticsearch at http://127.0.0.1:")
                .hasMessageEndingWith("(task [n1:404] isn't running and hasn't stored its results)");
    }

    private BackfillRun run(StringWriter log, List<String> followed) {
        PrintWriter w = new PrintWriter(log);
        return new BackfillRun(api, new Progress.Lines(w, Clock.systemUTC(), Duration.ZERO), w, Duration.ofMillis(10), followed::add);
    }

    private static String running(long total, long updated) {
        return """
                {"completed": false, "task": {"node": "n1", "id": 1, "action": "indices:data/write/update/byquery",
                 "status": {"total": %d, "updated": %d, "created": 0, "deleted": 0, "batches": %d, "version_conflicts": 0, "noops": 0,
                            "throttled_millis": 0, "requests_per_second": 250.0}}}""".formatted(total, updated, updated / 1000);
    }

    private static String completed(long total, long updated, String failures) {
        return completed(total, updated, failures, failures.isEmpty() ? 250 : -1);
    }

    private static String completed(long total, long updated, String failures, double rps) {
        return """
                {"completed": true, "task": {"node": "n1", "id": 1, "action": "indices:data/write/update/byquery", "status": {}},
                 "response": {"total": %d, "updated": %d, "created": 0, "deleted": 0, "batches": 2, "version_conflicts": 0, "noops": 0,
                              "throttled_millis": %d, "requests_per_second": %s, "failures": [%s]}}"""
                .formatted(total, updated, rps > 0 ? 2000 : 0, Double.toString(rps), failures);
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
