package io.github.netblock.dashboards;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates {@code dashboards/kibana/netblock-dashboards.ndjson}: the data view, the dashboards
 * "Attack origins" and "Netblock investigation" with Lens panels by value, and the saved search of
 * recent annotated hits, in Kibana 8.x saved-object form (migration versions no newer than 8.9.0, so
 * any 8.9+ Kibana imports them). The panels are declared compactly here so that the file stays
 * consistent; a test checks the committed file is what this class writes.
 *
 * <pre>mvn -q -pl dashboards compile exec:java -Dexec.mainClass=io.github.netblock.dashboards.KibanaObjects -Dexec.args=dashboards/kibana/netblock-dashboards.ndjson</pre>
 */
public final class KibanaObjects {
    public static final String DATA_VIEW_ID = "netblock-attacks-data-view";
    public static final String DATA_VIEW_TITLE = "netblock-attacks-*,logs-*-*";
    public static final String CORE_MIGRATION = "8.8.0";
    public static final String TYPE_MIGRATION = "8.9.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private KibanaObjects() {}

    /** A Lens chart: type, title, the bucket field (or null) and the grid cell. */
    record Panel(String id, String title, String chart, String field, int size, int x, int y, int w, int h) {}

    static List<Panel> attackOriginPanels() {
        return List.of(
                new Panel("requests-over-time", "Scanner requests over time", "time", null, 0, 0, 0, 48, 10),
                new Panel("top-countries", "Top source countries", "bar", "source.geo.country_iso_code", 10, 0, 10, 16, 14),
                new Panel("top-owners", "Top netblock owners", "bar", "source.netblock.owner.name", 10, 16, 10, 16, 14),
                new Panel("top-as", "Top AS organisations", "bar", "source.as.organization.name", 10, 32, 10, 16, 14),
                new Panel("top-netblocks", "Top netblocks (block, name)", "table2", "source.netblock.key|source.netblock.name", 15, 0, 24, 24, 14),
                new Panel("top-registrars", "Top registrars", "bar", "source.registrar.name", 10, 24, 24, 12, 14),
                new Panel("top-domains", "Top reverse-DNS registered domains", "bar", "source.registered_domain", 10, 36, 24, 12, 14),
                new Panel("top-paths", "Top requested paths", "table", "url.original", 15, 0, 38, 24, 14),
                new Panel("top-agents", "Top user agents", "table", "user_agent.original", 10, 24, 38, 24, 14),
                new Panel("abuse-contacts", "Abuse contacts of the busiest netblocks", "table", "source.netblock.abuse.email", 10, 0, 52, 24, 12));
    }

    static List<Panel> investigationPanels() {
        return List.of(
                new Panel("inv-over-time", "Hits over time", "time", null, 0, 0, 0, 48, 10),
                new Panel("inv-paths", "Paths tried", "table", "url.original", 20, 0, 10, 24, 16),
                new Panel("inv-addresses", "Addresses", "table", "source.ip", 20, 24, 10, 12, 16),
                new Panel("inv-agents", "User agents", "table", "user_agent.original", 10, 36, 10, 12, 16),
                new Panel("inv-netblocks", "Netblocks and owners", "table2", "source.netblock.key|source.netblock.owner.name", 20, 0, 26, 48, 14));
    }

    public static List<ObjectNode> objects() {
        List<ObjectNode> out = new ArrayList<>();
        out.add(dataView());
        out.add(savedSearch());
        out.add(dashboard("netblock-attack-origins", "Attack origins",
                "Where scanner traffic comes from: countries, netblock owners, AS, netblocks, registrars and reverse-DNS domains (elasticsearch-netblock).",
                attackOriginPanels(), true));
        out.add(dashboard("netblock-investigation", "Netblock investigation",
                "Everything one netblock or owner did: add a filter such as source.netblock.owner.name : \"Example Ltd\" or source.netblock.range : \"203.0.113.7\".",
                investigationPanels(), false));
        return out;
    }

    private static ObjectNode base(String type, String id, String typeMigration) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type);
        o.put("id", id);
        o.put("coreMigrationVersion", CORE_MIGRATION);
        o.put("typeMigrationVersion", typeMigration);
        return o;
    }

    static ObjectNode dataView() {
        ObjectNode o = base("index-pattern", DATA_VIEW_ID, "8.0.0");
        ObjectNode a = o.putObject("attributes");
        a.put("title", DATA_VIEW_TITLE);
        a.put("name", "Netblock-annotated web logs");
        a.put("timeFieldName", "@timestamp");
        o.putArray("references");
        return o;
    }

    static ObjectNode savedSearch() {
        ObjectNode o = base("search", "netblock-recent-hits", "8.0.0");
        ObjectNode a = o.putObject("attributes");
        a.put("title", "Recent annotated hits");
        a.put("description", "The latest requests with the netblock, owner, AS and country of their source");
        ArrayNode columns = a.putArray("columns");
        for (String c : List.of("source.ip", "url.original", "source.netblock.name", "source.netblock.owner.name", "source.as.organization.name",
                "source.geo.country_iso_code", "source.domain", "user_agent.original")) {
            columns.add(c);
        }
        ArrayNode sort = a.putArray("sort");
        sort.addArray().add("@timestamp").add("desc");
        ObjectNode source = JSON.createObjectNode();
        source.putObject("query").put("query", "").put("language", "kuery");
        source.putArray("filter");
        source.put("indexRefName", "kibanaSavedObjectMeta.searchSourceJSON.index");
        a.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", source.toString());
        o.putArray("references").addObject().put("type", "index-pattern").put("id", DATA_VIEW_ID)
                .put("name", "kibanaSavedObjectMeta.searchSourceJSON.index");
        return o;
    }

    static ObjectNode dashboard(String id, String title, String description, List<Panel> panels, boolean withRecentHits) {
        ObjectNode o = base("dashboard", id, TYPE_MIGRATION);
        ObjectNode a = o.putObject("attributes");
        a.put("title", title);
        a.put("description", description);
        a.put("timeRestore", false);
        a.put("version", 1);
        ArrayNode refs = o.putArray("references");
        ArrayNode panelsJson = JSON.createArrayNode();
        int bottom = 0;
        for (Panel p : panels) {
            String layer = "layer-" + p.id();
            ObjectNode panel = panelsJson.addObject();
            panel.put("type", "lens");
            panel.put("panelIndex", p.id());
            panel.putObject("gridData").put("x", p.x()).put("y", p.y()).put("w", p.w()).put("h", p.h()).put("i", p.id());
            ObjectNode config = panel.putObject("embeddableConfig");
            config.putObject("enhancements");
            config.set("attributes", lens(p, layer));
            refs.addObject().put("type", "index-pattern").put("id", DATA_VIEW_ID)
                    .put("name", p.id() + ":indexpattern-datasource-layer-" + layer);
            bottom = Math.max(bottom, p.y() + p.h());
        }
        if (withRecentHits) {
            ObjectNode panel = panelsJson.addObject();
            panel.put("type", "search");
            panel.put("panelIndex", "recent-hits");
            panel.put("panelRefName", "panel_recent-hits");
            panel.put("title", "Recent annotated hits");
            panel.putObject("gridData").put("x", 24).put("y", bottom - 12).put("w", 24).put("h", 12).put("i", "recent-hits");
            panel.putObject("embeddableConfig").putObject("enhancements");
            refs.addObject().put("type", "search").put("id", "netblock-recent-hits").put("name", "recent-hits:panel_recent-hits");
        }
        a.put("panelsJSON", panelsJson.toString());
        a.put("optionsJSON", "{\"useMargins\":true,\"syncColors\":false,\"syncCursor\":true,\"syncTooltips\":false,\"hidePanelTitles\":false}");
        ObjectNode search = JSON.createObjectNode();
        search.putObject("query").put("query", "").put("language", "kuery");
        search.putArray("filter");
        a.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", search.toString());
        return o;
    }

    /** The Lens attributes of one panel, by value. */
    static ObjectNode lens(Panel p, String layer) {
        ObjectNode a = JSON.createObjectNode();
        a.put("title", p.title());
        a.put("type", "lens");
        String vis = p.chart().equals("time") || p.chart().equals("bar") ? "lnsXY" : "lnsDatatable";
        a.put("visualizationType", vis);
        a.putArray("references").addObject().put("type", "index-pattern").put("id", DATA_VIEW_ID)
                .put("name", "indexpattern-datasource-layer-" + layer);
        ObjectNode state = a.putObject("state");
        ObjectNode cols = JSON.createObjectNode();
        ArrayNode order = JSON.createArrayNode();
        List<String> buckets = new ArrayList<>();
        if (p.chart().equals("time")) {
            ObjectNode c = cols.putObject("time");
            c.put("label", "@timestamp").put("dataType", "date").put("operationType", "date_histogram").put("sourceField", "@timestamp")
                    .put("isBucketed", true).put("scale", "interval");
            c.putObject("params").put("interval", "auto").put("includeEmptyRows", true).put("dropPartials", false);
            buckets.add("time");
        } else {
            String[] fields = p.field().split("\\|");
            for (int i = 0; i < fields.length; i++) {
                String colId = "bucket" + i;
                ObjectNode c = cols.putObject(colId);
                c.put("label", "Top values of " + fields[i]).put("dataType", "string").put("operationType", "terms")
                        .put("scale", "ordinal").put("sourceField", fields[i]).put("isBucketed", true);
                ObjectNode params = c.putObject("params").put("size", p.size()).put("orderDirection", "desc")
                        .put("otherBucket", i == 0).put("missingBucket", false);
                params.putObject("orderBy").put("type", "column").put("columnId", "count");
                buckets.add(colId);
            }
        }
        ObjectNode count = cols.putObject("count");
        count.put("label", "Requests").put("dataType", "number").put("operationType", "count").put("isBucketed", false)
                .put("scale", "ratio").put("sourceField", "___records___");
        count.putObject("params").put("emptyAsNull", true);
        buckets.forEach(order::add);
        order.add("count");
        ObjectNode layerState = state.putObject("datasourceStates").putObject("formBased").putObject("layers").putObject(layer);
        layerState.set("columns", cols);
        layerState.set("columnOrder", order);
        layerState.putObject("incompleteColumns");
        ObjectNode v = state.putObject("visualization");
        if (vis.equals("lnsXY")) {
            boolean time = p.chart().equals("time");
            v.putObject("legend").put("isVisible", !time).put("position", "right");
            v.put("valueLabels", "hide");
            v.put("preferredSeriesType", time ? "bar_stacked" : "bar_horizontal");
            ObjectNode l = v.putArray("layers").addObject();
            l.put("layerId", layer).put("layerType", "data").put("seriesType", time ? "bar_stacked" : "bar_horizontal")
                    .put("xAccessor", buckets.get(0));
            l.putArray("accessors").add("count");
        } else {
            v.put("layerId", layer).put("layerType", "data");
            ArrayNode columns = v.putArray("columns");
            buckets.forEach(b -> columns.addObject().put("columnId", b));
            columns.addObject().put("columnId", "count");
        }
        state.putObject("query").put("query", "").put("language", "kuery");
        state.putArray("filters");
        state.putArray("internalReferences");
        state.putObject("adHocDataViews");
        return a;
    }

    /** The NDJSON text: one object per line. */
    public static String ndjson() {
        StringBuilder sb = new StringBuilder();
        for (ObjectNode o : objects()) {
            sb.append(o.toString()).append('\n');
        }
        return sb.toString();
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "dashboards/kibana/netblock-dashboards.ndjson");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, ndjson());
        System.out.println("wrote " + out);
    }
}
