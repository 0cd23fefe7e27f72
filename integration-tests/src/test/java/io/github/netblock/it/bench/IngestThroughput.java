package io.github.netblock.it.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.it.demo.AttackOrigins;
import io.github.netblock.it.demo.NginxAccessLog;
import io.github.netblock.it.demo.SampleAttackLog;
import io.github.netblock.it.harness.ElasticsearchNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;

/**
 * Bulk indexing throughput of one real node through pipelines of different cost, in alternating
 * rounds of the same documents, so that the ratio to the empty pipeline measures what annotation
 * costs at ingest (processor, larger source, indexing of the extra fields). Prints each round and
 * the median docs/s, ratio and paired ratio of each pipeline. See benchmarks/README.md ("Cost at ingest").
 *
 * <p>System properties as for the demo, plus {@code netblock.bench.docs} (default 100,000),
 * {@code netblock.bench.rounds} (5), {@code netblock.bench.bulk} (2,000), {@code netblock.bench.attackers} (10,000),
 * {@code netblock.bench.only} (pipeline ids, comma-separated), {@code netblock.bench.jfr} (a file: record the node
 * with Java Flight Recorder, written when the node stops; the node's user must be able to write there),
 * {@code netblock.bench.db} (another database to serve as {@code default} and draw the attackers from, e.g. one of
 * WHOIS blocks where the default pipeline writes every field), {@code netblock.bench.pin} ({@code true}: the node on
 * the last CPU with {@code node.processors: 1}, this client on the others, each pinned with {@code taskset}, so that
 * client and node do not take turns on the same cores and rounds vary less), {@code netblock.bench.translogAsync}
 * ({@code true}: see {@link #run}), {@code netblock.bench.shipper} ({@code true}: each document as a log shipper sends
 * it, about 30 fields more; see {@link #asShipped}), {@code netblock.bench.docValuesOnly} ({@code true}: the default
 * pipeline's three fields for a public address mapped with doc values only, see {@link #run}). The pipeline
 * {@value #ANNOTATED} is the empty one on documents that carry the default pipeline's output already: the cost of
 * indexing those fields alone. The summary's paired ratio is the median of each round's ratio to the empty pipeline
 * of the same round, with a 95 % interval of that median.
 */
public final class IngestThroughput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IngestThroughput() {}

    /** The empty pipeline, indexing documents annotated by the client (see {@link #bulkBodies}). */
    static final String ANNOTATED = "bench-empty-annotated";

    /** The pipelines compared, by id: the empty one first (the baseline). */
    static final Map<String, String> PIPELINES = new LinkedHashMap<>();

    static {
        PIPELINES.put("bench-empty", "{\"processors\":[]}");
        // the empty pipeline on documents that carry the default pipeline's output already (as.number,
        // as.organization.name, geo.country_iso_code, from the same database): what indexing those fields costs with no
        // ingest work at all, the floor of any processor that writes them
        PIPELINES.put(ANNOTATED, "{\"processors\":[]}");
        PIPELINES.put(AttackOrigins.PIPELINE, null); // the project's default pipeline, installed from dashboards/
        PIPELINES.put("bench-two-properties", netblock("netblock.name", "as.number"));
        // variants to find what costs (run with -Dnetblock.bench.only=...)
        PIPELINES.put("bench-as-geo", netblock("as.number", "as.organization.name", "geo.country_iso_code"));
        // a processor that changes nothing (netblock on an absent field, ignored: the test distribution has no other
        // processor): what any pipeline with a processor costs, the document as a map and back
        PIPELINES.put("bench-noop", "{\"processors\":[{\"netblock\":{\"field\":\"_bench_absent\",\"ignore_missing\":true}}]}");
        // the netblock processor with a lookup and nothing to write for a routed address of the bundled data
        PIPELINES.put("bench-netblock-nothing", netblock("netblock.handle"));
        PIPELINES.put("bench-defaults-no-range", netblock("as.number", "as.organization.name", "geo.country_iso_code", "domain",
                "registered_domain", "netblock.key", "netblock.name", "netblock.owner.name", "netblock.abuse.email", "registrar.name"));
        PIPELINES.put("bench-defaults-no-key", netblock("as.number", "as.organization.name", "geo.country_iso_code", "domain",
                "registered_domain", "netblock.range", "netblock.name", "netblock.owner.name", "netblock.abuse.email", "registrar.name"));
    }

    /** Publishes the database as {@code default} and waits (at most 5 minutes) until the node answers from it. */
    private static void serve(ElasticsearchNode node, Path db, String probe) throws Exception {
        node.publish(db, "default");
        String checksum;
        try (NetblockDatabase d = NetblockDatabase.open(db, io.github.netblock.index.read.OpenOptions.NO_CHECKSUM)) {
            checksum = d.metadata().checksumHex();
        }
        for (int i = 0; i < 600; i++) {
            Response r = node.restClient().performRequest(new Request("GET", "/_netblock/stats"));
            if (new String(r.getEntity().getContent().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains(checksum)) {
                System.out.printf(Locale.ROOT, "serving %s as default (checksum %s; probe %s)%n", db, checksum, probe);
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the node did not load " + db + " within 5 minutes:\n" + node.logTail(30));
    }

    private static String netblock(String... properties) {
        return "{\"processors\":[{\"netblock\":{\"field\":\"source.ip\",\"ignore_missing\":true,\"properties\":[\""
                + String.join("\",\"", properties) + "\"]}}]}";
    }

    /** What runs unless netblock.bench.only says otherwise. */
    static final String DEFAULT_RUN = "bench-empty,netblock-source-ip,bench-two-properties";

    public static void main(String[] args) throws Exception {
        Path dashboards = Path.of(System.getProperty("netblock.dashboards", "dashboards"));
        Path bundled = Path.of(System.getProperty("netblock.bundled.db"));
        // another database to serve as default and to draw the attackers from (e.g. WHOIS blocks, where every field is written)
        String other = System.getProperty("netblock.bench.db", "");
        Path served = other.isBlank() ? bundled : Path.of(other).toAbsolutePath();
        int docs = Integer.getInteger("netblock.bench.docs", 100_000);
        int rounds = Integer.getInteger("netblock.bench.rounds", 5);
        int bulkSize = Integer.getInteger("netblock.bench.bulk", 2_000);
        int attackers = Integer.getInteger("netblock.bench.attackers", 10_000);

        String only = System.getProperty("netblock.bench.only", DEFAULT_RUN); // pipeline ids to run, comma-separated
        PIPELINES.keySet().retainAll(List.of(only.split(",")));
        List<String> log;
        List<byte[]> bodies;
        List<byte[]> annotated = null;
        try (NetblockDatabase db = NetblockDatabase.open(served)) {
            log = SampleAttackLog.generate(db, docs, attackers, Instant.now().truncatedTo(ChronoUnit.SECONDS), 20261127L);
            bodies = bulkBodies(log, bulkSize, null);
            if (PIPELINES.containsKey(ANNOTATED)) {
                annotated = bulkBodies(log, bulkSize, db);
            }
        }
        System.out.printf(Locale.ROOT, "%,d scanner documents (%,d attackers, Zipf-skewed), bulk %,d, %d rounds per pipeline%n",
                docs, attackers, bulkSize, rounds);

        ElasticsearchNode.Options options = new ElasticsearchNode.Options().name("bench")
                .c1Compiler(false) // measured with the optimising compiler, as a production node runs
                .setting("indices.memory.index_buffer_size", "30%");
        String jfr = System.getProperty("netblock.bench.jfr"); // a file: record the node with Java Flight Recorder
        if (jfr != null && !jfr.isBlank()) {
            options.jvmOption("-XX:StartFlightRecording=filename=" + Path.of(jfr).toAbsolutePath() + ",settings=profile,dumponexit=true");
        }
        boolean pin = Boolean.getBoolean("netblock.bench.pin");
        int cpus = Runtime.getRuntime().availableProcessors();
        if (pin) {
            if (cpus < 2) {
                throw new IllegalStateException("netblock.bench.pin needs 2 CPUs or more, this machine has " + cpus);
            }
            options.setting("node.processors", "1");
        }
        ElasticsearchNode node = ElasticsearchNode.start(options);
        try {
            if (pin) {
                pin(node.pid(), Integer.toString(cpus - 1));
                pin(ProcessHandle.current().pid(), cpus == 2 ? "0" : "0-" + (cpus - 2));
                System.out.printf(Locale.ROOT, "node on CPU %d (node.processors: 1), client on the others%n", cpus - 1);
            }
            if (!served.equals(bundled)) {
                serve(node, served, log.get(0).split(" ")[0]);
            }
            AttackOrigins.install(node.client(), dashboards);
            for (Map.Entry<String, String> p : PIPELINES.entrySet()) {
                if (p.getValue() != null) { // the default pipeline came with the dashboards
                    Request put = new Request("PUT", "/_ingest/pipeline/" + p.getKey());
                    put.setJsonEntity(p.getValue());
                    node.restClient().performRequest(put);
                }
            }
            // one warm-up round per pipeline, not counted (JIT, page cache, first shard creation)
            for (String pipeline : PIPELINES.keySet()) {
                run(node, pipeline, "warmup", pipeline.equals(ANNOTATED) ? annotated : bodies);
            }
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            List<String> order = new ArrayList<>(PIPELINES.keySet());
            for (int round = 1; round <= rounds; round++) {
                for (String pipeline : order) {
                    double rate = run(node, pipeline, Integer.toString(round), pipeline.equals(ANNOTATED) ? annotated : bodies);
                    rates.computeIfAbsent(pipeline, k -> new ArrayList<>()).add(rate);
                    System.out.printf(Locale.ROOT, "round %d  %-22s %,9.0f docs/s%n", round, pipeline, rate);
                }
                Collections.rotate(order, 1); // each pipeline takes each place in a round in turn: no pipeline always follows another
            }
            double baseline = rates.containsKey("bench-empty") ? median(rates.get("bench-empty")) : Double.NaN;
            System.out.println();
            System.out.printf(Locale.ROOT, "%-22s %14s %8s %14s %18s%n", "pipeline", "median docs/s", "ratio", "paired ratio", "95% interval");
            for (Map.Entry<String, List<Double>> e : rates.entrySet()) {
                double m = median(e.getValue());
                String paired = "";
                String interval = "";
                if (rates.containsKey("bench-empty") && !e.getKey().equals("bench-empty")) {
                    // each round's rate against the empty pipeline's of the same round: drifts of the machine cancel
                    List<Double> ratios = new ArrayList<>();
                    for (int i = 0; i < e.getValue().size(); i++) {
                        ratios.add(e.getValue().get(i) / rates.get("bench-empty").get(i));
                    }
                    paired = String.format(Locale.ROOT, "%.3f", median(ratios));
                    interval = medianInterval(ratios);
                }
                System.out.printf(Locale.ROOT, "%-22s %,14.0f %8.2f %14s %18s%n", e.getKey(), m, m / baseline, paired, interval);
            }
        } finally {
            node.close();
        }
    }

    /** Pins every thread of the process (and the threads they start) to the CPUs in {@code list}. */
    private static void pin(long pid, String list) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", list, Long.toString(pid)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("taskset could not pin process " + pid + " to CPUs " + list + ": " + out);
        }
    }

    /**
     * Indexes every body into a fresh index of the project's template, created before the clock starts; docs/s over
     * the bulk requests and the final refresh. With {@code netblock.bench.translogAsync} the index's translog is
     * synced every 5 s instead of at every bulk request (the disk's fsync latency is then out of the measure).
     */
    private static double run(ElasticsearchNode node, String pipeline, String round, List<byte[]> bodies) throws IOException {
        String index = "netblock-attacks-bench-" + pipeline + "-" + round;
        Request create = new Request("PUT", "/" + index);
        Map<String, Object> settingsAndMappings = new LinkedHashMap<>();
        if (Boolean.getBoolean("netblock.bench.translogAsync")) {
            settingsAndMappings.put("settings", Map.of("index.translog.durability", "async"));
        }
        Map<String, Object> mappings = new LinkedHashMap<>();
        if (Boolean.getBoolean("netblock.bench.shipper")) {
            // the shipper's fields that the project's template does not map are keywords, as the shipper's own template maps them
            mappings.put("dynamic_templates", List.of(Map.of("strings_as_keyword", Map.of("match_mapping_type", "string",
                    "mapping", Map.of("type", "keyword", "ignore_above", 1024)))));
        }
        if (Boolean.getBoolean("netblock.bench.docValuesOnly")) {
            // the three fields of the default pipeline for a public address with doc values only (no inverted index, no
            // points): still aggregated, sorted and searched, the search by scanning doc values
            Map<String, Object> keyword = Map.of("type", "keyword", "index", false);
            mappings.put("properties", Map.of("source", Map.of("properties", Map.of(
                    "as", Map.of("properties", Map.of("number", Map.of("type", "long", "index", false),
                            "organization", Map.of("properties", Map.of("name", keyword)))),
                    "geo", Map.of("properties", Map.of("country_iso_code", keyword))))));
        }
        if (!mappings.isEmpty()) {
            settingsAndMappings.put("mappings", mappings);
        }
        if (!settingsAndMappings.isEmpty()) {
            create.setJsonEntity(JSON.writeValueAsString(settingsAndMappings));
        }
        node.restClient().performRequest(create);
        long docs = 0;
        long start = System.nanoTime();
        for (byte[] body : bodies) {
            Request bulk = new Request("POST", "/" + index + "/_bulk");
            bulk.addParameter("pipeline", pipeline);
            bulk.addParameter("filter_path", "errors,items.*.error");
            bulk.setEntity(new ByteArrayEntity(body, ContentType.create("application/x-ndjson")));
            Response r = node.restClient().performRequest(bulk);
            Map<?, ?> answer = JSON.readValue(r.getEntity().getContent(), Map.class);
            if (Boolean.TRUE.equals(answer.get("errors"))) {
                throw new IllegalStateException("bulk into " + index + " failed: " + answer);
            }
            docs += countLines(body) / 2;
        }
        node.restClient().performRequest(new Request("POST", "/" + index + "/_refresh"));
        double seconds = (System.nanoTime() - start) / 1e9;
        node.restClient().performRequest(new Request("DELETE", "/" + index));
        return docs / seconds;
    }

    /**
     * The bulk request bodies of the log's documents; with a database, each document carries what the default pipeline
     * writes for a routed address (its origin AS number and organisation, its country) as the processor writes them.
     */
    private static List<byte[]> bulkBodies(List<String> log, int bulkSize, NetblockDatabase annotateFrom) throws IOException {
        List<byte[]> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (String line : log) {
            Map<String, Object> doc = NginxAccessLog.parse(line);
            if (Boolean.getBoolean("netblock.bench.shipper")) {
                doc = asShipped(doc, out.size() * (long) bulkSize + n);
            }
            if (annotateFrom != null) {
                doc = annotated(doc, annotateFrom);
            }
            sb.append("{\"index\":{}}\n").append(JSON.writeValueAsString(doc)).append('\n');
            if (++n == bulkSize) {
                out.add(sb.toString().getBytes(StandardCharsets.UTF_8));
                sb.setLength(0);
                n = 0;
            }
        }
        if (n > 0) {
            out.add(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * The document as a log shipper's nginx module sends it (Filebeat 8.x, Elastic Agent): the parsed line plus
     * about 30 fields of agent, host, ECS version, file, input, event, fileset, service, URL path, user agent and
     * related addresses, so that the ratio of the pipelines can be read for a document of the size users index.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> asShipped(Map<String, Object> parsed, long offset) {
        Map<String, Object> doc = new LinkedHashMap<>(parsed);
        String ip = (String) ((Map<?, ?>) parsed.get("source")).get("ip");
        String original = (String) ((Map<?, ?>) parsed.get("url")).get("original");
        int status = ((Number) ((Map<?, ?>) ((Map<?, ?>) parsed.get("http")).get("response")).get("status_code")).intValue();
        doc.put("agent", Map.of("type", "filebeat", "version", "8.19.0", "name", "web-01",
                "id", "5b9a4d1e-3c8f-4d6a-9a55-2f1e0c7b8a90", "ephemeral_id", "0e4c2f6b-9d31-4c8e-b1a7-7f3a5d2c9e11"));
        doc.put("host", Map.of("name", "web-01", "hostname", "web-01", "architecture", "x86_64", "id", "9f2d6c4b8a1e4f37b0c5d2e6a8f1b3c7",
                "containerized", false, "ip", List.of("10.0.0.5", "fe80::5054:ff:fe12:3456"), "mac", List.of("52-54-00-12-34-56"),
                "os", Map.of("family", "debian", "name", "Debian GNU/Linux", "kernel", "6.1.0-18-amd64", "codename", "bookworm",
                        "type", "linux", "platform", "debian", "version", "12 (bookworm)")));
        doc.put("ecs", Map.of("version", "8.11.0"));
        doc.put("log", Map.of("file", Map.of("path", "/var/log/nginx/access.log"), "offset", offset * 180));
        doc.put("input", Map.of("type", "filestream"));
        Map<String, Object> event = new LinkedHashMap<>((Map<String, Object>) parsed.get("event"));
        event.putAll(Map.of("dataset", "nginx.access", "module", "nginx", "category", List.of("web"), "type", List.of("access"),
                "kind", "event", "outcome", status < 400 ? "success" : "failure", "created", parsed.get("@timestamp")));
        doc.put("event", event);
        doc.put("fileset", Map.of("name", "access"));
        doc.put("service", Map.of("type", "nginx"));
        int query = original.indexOf('?');
        String path = query < 0 ? original : original.substring(0, query);
        doc.put("url", Map.of("original", original, "path", path));
        Map<String, Object> agent = new LinkedHashMap<>((Map<String, Object>) parsed.get("user_agent"));
        agent.put("name", "Other");
        agent.put("device", Map.of("name", "Other"));
        doc.put("user_agent", agent);
        doc.put("related", Map.of("ip", List.of(ip)));
        return doc;
    }

    /** The document with source.as and source.geo as the default pipeline writes them (its target is {@code source}). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> annotated(Map<String, Object> doc, NetblockDatabase db) {
        Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) doc.get("source"));
        doc = new LinkedHashMap<>(doc);
        doc.put("source", out);
        io.github.netblock.index.ip.IpAddress ip = io.github.netblock.index.ip.IpAddress.parse((String) out.get("ip"));
        db.originAs(ip).ifPresent(as -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("number", as.number());
            if (as.organization() != null) {
                a.put("organization", Map.of("name", as.organization()));
            }
            out.put("as", a);
        });
        db.country(ip).ifPresent(country -> out.put("geo", Map.of("country_iso_code", country)));
        return doc;
    }

    private static int countLines(byte[] body) {
        int lines = 0;
        for (byte b : body) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /**
     * A distribution-free 95 % confidence interval of the median of the values (order statistics: the k-th smallest and
     * k-th largest value, k the largest rank for which a Binomial(n, 1/2) falls below it with probability at most
     * 2.5 %); "-" when there are too few values for one (fewer than 6).
     */
    static String medianInterval(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double below = 0; // P(X < k) for X ~ Binomial(n, 1/2)
        int k = 0;
        while (true) {
            double next = below + binomial(n, k) / Math.pow(2, n);
            if (next > 0.025) {
                break;
            }
            below = next;
            k++;
        }
        if (k == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "[%.3f, %.3f]", sorted.get(k - 1), sorted.get(n - k));
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
