package io.github.netblock.it.demo;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import io.github.netblock.loader.setup.DashboardFiles;
import io.github.netblock.loader.setup.ElasticsearchSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads an attack log through the netblock pipeline and asks Elasticsearch where the attacks came from. */
public final class AttackOrigins {
    public static final String PIPELINE = "netblock-source-ip";
    public static final String INDEX = "netblock-attacks-demo";
    private static final int BATCH = 500;

    private AttackOrigins() {}

    /** Bulk results: documents indexed and the failures (each with its line). */
    public record Ingested(int indexed, List<String> failures) {}

    /** Installs the templates and pipelines of {@code dashboards/} the way {@code netblock-loader setup} does. */
    public static void install(ElasticsearchClient client, Path dashboards) throws IOException {
        ElasticsearchSetup.install(client, new DashboardFiles(dashboards), null, new PrintWriter(Writer.nullWriter()));
    }

    /** Parses the lines and indexes them through the pipeline; a bad line or document fails alone. */
    public static Ingested ingest(ElasticsearchClient client, List<String> lines) throws IOException {
        int indexed = 0;
        List<String> failures = new ArrayList<>();
        for (int from = 0; from < lines.size(); from += BATCH) {
            List<String> batch = lines.subList(from, Math.min(from + BATCH, lines.size()));
            BulkRequest.Builder bulk = new BulkRequest.Builder().index(INDEX); // no pipeline parameter: the template's default pipeline annotates
            List<String> sent = new ArrayList<>();
            for (String line : batch) {
                Map<String, Object> doc;
                try {
                    doc = NginxAccessLog.parse(line);
                } catch (IllegalArgumentException e) {
                    failures.add(e.getMessage());
                    continue;
                }
                sent.add(line);
                bulk.operations(op -> op.index(i -> i.document(doc)));
            }
            if (sent.isEmpty()) {
                continue;
            }
            BulkResponse response = client.bulk(bulk.build());
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).error() == null) {
                    indexed++;
                } else {
                    failures.add(items.get(i).error().reason() + ": " + sent.get(i));
                }
            }
        }
        client.indices().refresh(r -> r.index(INDEX));
        return new Ingested(indexed, failures);
    }

    /** Top values of one keyword field over the demo index. */
    public static Map<String, Long> top(ElasticsearchClient client, String field, int size) throws IOException {
        SearchResponse<Void> r = client.search(s -> s.index(INDEX).size(0)
                .aggregations("top", a -> a.terms(t -> t.field(field).size(size))), Void.class);
        Map<String, Long> out = new LinkedHashMap<>();
        for (StringTermsBucket b : r.aggregations().get("top").sterms().buckets().array()) {
            out.put(b.key().stringValue(), b.docCount());
        }
        return out;
    }

    /** The attack-origins summary the demo prints. */
    public static String summary(ElasticsearchClient client) throws IOException {
        StringBuilder sb = new StringBuilder();
        long total = client.count(c -> c.index(INDEX)).count();
        sb.append("Attack origins of ").append(total).append(" scanner requests\n");
        section(sb, "Top source countries", top(client, "source.geo.country_iso_code", 10));
        section(sb, "Top AS organisations", top(client, "source.as.organization.name", 10));
        section(sb, "Top netblock owners", top(client, "source.netblock.owner.name", 10));
        // by netblock.key: one value per block, so a range that is not one prefix counts once
        section(sb, "Top netblocks", top(client, "source.netblock.key", 10));
        section(sb, "Top attacking addresses", top(client, "source.ip", 5));
        section(sb, "Top requested paths", top(client, "url.original", 5));
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, Map<String, Long> values) {
        sb.append('\n').append(title).append('\n');
        if (values.isEmpty()) {
            sb.append("  (none: the bundled database knows public addresses by AS and country only; netblocks, owners and\n"
                    + "   abuse contacts come from WHOIS objects: netblock-loader update with the RIR dumps, as below)\n");
        }
        values.forEach((k, v) -> sb.append(String.format("  %6d  %s%n", v, k)));
    }
}
