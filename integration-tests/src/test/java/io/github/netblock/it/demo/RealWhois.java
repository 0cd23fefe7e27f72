package io.github.netblock.it.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.netblock.it.harness.ElasticsearchNode;
import io.github.netblock.loader.cli.NetblockLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * What no geoip anchor gives: who owns the narrowest block of an address and where to report abuse,
 * from real WHOIS objects only. The objects are the RPSL objects of RIPE, APNIC (KRNIC, JPNIC),
 * AFRINIC and LACNIC and ARIN's answers that netblock-loader's tests ship in {@code realdata/}; the
 * addresses are those the answers were queried for (the keys of {@code realdata/rdap/ip-networks.json}),
 * not known scanners: the demo sends a few sample scanner requests from each. netblock-loader builds the
 * objects into a database that the node serves as {@value #DATABASE}; the index {@value #INDEX} runs it as
 * its default pipeline.
 */
public final class RealWhois {
    public static final String DATABASE = "realwhois";
    public static final String PIPELINE = "netblock-realwhois";
    public static final String INDEX = "netblock-attacks-realwhois";
    public static final String ATTRIBUTION = "WHOIS objects: real answers of RIPE, APNIC (KRNIC, JPNIC), AFRINIC, LACNIC and ARIN, "
            + "from the test fixtures of the ipwhois project (github.com/secynic/ipwhois, BSD licence)";
    /** The address the investigation looks at: a KRNIC block inside another, abuse contact through mnt-irt. */
    public static final String INVESTIGATED = "210.107.73.73";
    private static final String RESOURCES = "/realdata/";
    private static final List<String> RPSL = List.of("ripe.db.inetnum", "ripe.db.inet6num", "ripe.db.role", "apnic.db.inetnum",
            "apnic.db.inet6num", "apnic.db.irt", "apnic.db.role", "afrinic.db", "lacnic.db");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealWhois() {}

    /** Builds the database with netblock-loader from the shipped objects; returns its path. */
    public static Path build(Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("realdata"));
        for (String f : concat(RPSL, List.of("arin.db", "LICENSE-ipwhois.txt"))) {
            Files.write(data.resolve(f), resource(f));
        }
        Path config = dir.resolve("realwhois.yml");
        // and what the demo's resolve step found (LiveResolve), where it found anything: optional feeds, skipped while absent
        Files.writeString(config, "description: real WHOIS objects (ipwhois test fixtures, BSD licence)\ncache: cache\nfeeds:\n"
                + "  - name: rir-dumps\n    format: rpsl\n    files: [" + String.join(", ", RPSL.stream().map(f -> "realdata/" + f).toList()) + "]\n"
                + "  - name: arin\n    format: arin\n    files: [realdata/arin.db]\n"
                + "  - name: resolved-rdns\n    format: rdns-csv\n    optional: true\n    files: [cache/resolve/rdns.csv]\n"
                + "  - name: resolved-registrars\n    format: registrar-csv\n    optional: true\n    files: [cache/resolve/registrars.csv]\n");
        Path db = dir.resolve(DATABASE + ".nbdb");
        StringWriter err = new StringWriter();
        var cli = NetblockLoader.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("build", "-q", "-c", config.toString(), "-o", db.toString());
        if (exit != 0) {
            throw new IOException("netblock-loader build of the real WHOIS objects failed (" + exit + "): " + err);
        }
        return db;
    }

    /** The addresses the real answers were queried for, in the file's order. */
    public static List<String> addresses() throws IOException {
        List<String> out = new ArrayList<>();
        JSON.readTree(resource("rdap/ip-networks.json")).fieldNames().forEachRemaining(out::add);
        return out;
    }

    /**
     * Publishes the database into the node's folder and waits until the node serves it (its watcher
     * looks every 5 s), then creates the pipeline and the index whose default pipeline it is.
     */
    public static void install(ElasticsearchNode node, Path db) throws IOException, InterruptedException {
        node.publish(db, DATABASE);
        RestClient rest = node.restClient();
        for (int i = 0; status(rest, "/_netblock/lookup/" + INVESTIGATED + "?database=" + DATABASE) != 200; i++) {
            if (i == 240) {
                throw new IOException("the node did not load " + DATABASE + " within 60 s:\n" + node.logTail(30));
            }
            Thread.sleep(250);
        }
        put(rest, "/_ingest/pipeline/" + PIPELINE, "{\"description\": \"netblock annotation from the real WHOIS objects\","
                + " \"processors\": [{\"netblock\": {\"field\": \"source.ip\", \"database\": \"" + DATABASE + "\", \"ignore_missing\": true}}]}");
        // the netblock-attacks template gives the other mappings (where its pattern is the default); the index names its own default pipeline
        put(rest, "/" + INDEX, "{\"settings\": {\"index.default_pipeline\": \"" + PIPELINE + "\"},"
                + " \"mappings\": {\"properties\": {\"source\": {\"properties\": {\"ip\": {\"type\": \"ip\"}}}}}}");
    }

    /** A few scanner requests from each address, indexed with no pipeline parameter. */
    public static int ingest(RestClient rest, Instant end) throws IOException {
        StringBuilder bulk = new StringBuilder();
        List<String> ips = addresses();
        int n = 0;
        for (int i = 0; i < ips.size(); i++) {
            for (int k = 0; k <= i % 3; k++) {
                String path = SampleAttackLog.PATHS[(i + k) % SampleAttackLog.PATHS.length];
                String line = ips.get(i) + " - - [" + NginxAccessLog.TIME.format(end.minusSeconds(600L * (i + k)).atOffset(ZoneOffset.UTC))
                        + "] \"GET " + path + " HTTP/1.1\" 404 143 \"-\" \"" + SampleAttackLog.AGENTS[(i + k) % SampleAttackLog.AGENTS.length] + "\"";
                bulk.append("{\"index\":{}}\n").append(JSON.writeValueAsString(NginxAccessLog.parse(line))).append('\n');
                n++;
            }
        }
        Request r = new Request("POST", "/" + INDEX + "/_bulk?refresh=true");
        r.setJsonEntity(bulk.toString());
        JsonNode answer = JSON.readTree(EntityUtils.toString(rest.performRequest(r).getEntity(), StandardCharsets.UTF_8));
        if (answer.path("errors").asBoolean()) {
            throw new IOException("bulk of the real-WHOIS hits failed: " + answer);
        }
        return n;
    }

    /** One row per address: what Elasticsearch stored for it. */
    public record Row(String ip, long hits, String block, String name, String owner, String abuse, String country) {}

    public static List<Row> rows(RestClient rest) throws IOException {
        Request r = new Request("POST", "/" + INDEX + "/_search");
        r.setJsonEntity("{\"size\": 0, \"aggs\": {\"ip\": {\"terms\": {\"field\": \"source.ip\", \"size\": 50},"
                + " \"aggs\": {\"doc\": {\"top_hits\": {\"size\": 1, \"_source\": [\"source\"]}}}}}}");
        JsonNode answer = JSON.readTree(EntityUtils.toString(rest.performRequest(r).getEntity(), StandardCharsets.UTF_8));
        List<Row> out = new ArrayList<>();
        for (JsonNode b : answer.at("/aggregations/ip/buckets")) {
            JsonNode s = b.at("/doc/hits/hits/0/_source/source");
            out.add(new Row(s.path("ip").asText(), b.path("doc_count").asLong(), text(s.at("/netblock/key")), text(s.at("/netblock/name")),
                    text(s.at("/netblock/owner/name")), text(s.at("/netblock/abuse/email")), text(s.at("/geo/country_iso_code"))));
        }
        return out;
    }

    /** The demo's section: every address the answers were queried for, with its narrowest block, owner and abuse contact. */
    public static String table(RestClient rest) throws IOException {
        StringBuilder sb = new StringBuilder("Addresses the real WHOIS answers were queried for: narrowest netblock, owner, abuse contact\n");
        sb.append("(not known scanners: the demo sent the hits, a few sample scanner requests from each)\n");
        sb.append("(").append(ATTRIBUTION).append(")\n\n");
        sb.append(String.format("  %4s  %-26s %-28s %-22s %-34s %-26s %s%n", "hits", "address", "netblock", "name", "owner", "abuse contact", "cc"));
        for (Row row : rows(rest)) {
            sb.append(String.format("  %4d  %-26s %-28s %-22s %-34s %-26s %s%n", row.hits(), row.ip(), row.block(), cut(row.name(), 22),
                    cut(row.owner(), 34), row.abuse(), row.country()));
        }
        return sb.toString();
    }

    /** A lookup as an operator reads it: each block that holds the address, narrowest first, and whom to write to. */
    public static String investigation(RestClient rest, String ip) throws IOException {
        JsonNode l = JSON.readTree(EntityUtils.toString(rest.performRequest(
                new Request("GET", "/_netblock/lookup/" + ip + "?database=" + DATABASE)).getEntity(), StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder("Investigation: GET _netblock/lookup/" + ip + "?database=" + DATABASE + "\n");
        String indent = "  ";
        String abuse = null;
        for (JsonNode b : l.path("netblocks")) {
            sb.append(indent).append(b.at("/range/gte").asText()).append(" - ").append(b.at("/range/lte").asText())
                    .append("  ").append(b.path("name").asText("(no name)")).append('\n');
            line(sb, indent + "  owner     ", b.at("/owner/name"));
            line(sb, indent + "  country   ", b.path("country_iso_code"));
            line(sb, indent + "  status    ", b.path("status"));
            line(sb, indent + "  registry  ", b.path("registry"));
            line(sb, indent + "  changed   ", b.path("last_modified"));
            line(sb, indent + "  abuse     ", b.at("/abuse/email"));
            if (abuse == null && b.at("/abuse/email").isTextual()) {
                abuse = b.at("/abuse/email").asText();
            }
            indent += "    ";
        }
        sb.append("  => report abuse from ").append(ip).append(" to ").append(abuse == null ? "(no contact in these objects)" : abuse)
                .append(l.path("netblocks").size() > 1 ? " (the narrowest block's contact; the blocks above it are its parents)" : "")
                .append('\n');
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, JsonNode value) {
        if (value.isValueNode() && !value.isNull()) {
            sb.append(label).append(value.asText()).append('\n');
        }
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.isNull() ? n.asText() : "-";
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = RealWhois.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("realdata/" + name + " is not on the class path (netblock-loader's test jar)");
            }
            return in.readAllBytes();
        }
    }

    private static int status(RestClient rest, String path) throws IOException {
        try {
            return rest.performRequest(new Request("GET", path)).getStatusLine().getStatusCode();
        } catch (ResponseException e) {
            return e.getResponse().getStatusLine().getStatusCode();
        }
    }

    private static void put(RestClient rest, String path, String json) throws IOException {
        Request r = new Request("PUT", path);
        r.setJsonEntity(json);
        rest.performRequest(r);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
