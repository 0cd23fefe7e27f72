package io.github.netblock.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offline check of what ships for Kibana 8.19 (Kibana cannot run here): the rules in
 * shared/KIBANA.md, applied to the committed NDJSON.
 */
class KibanaObjectsValidatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path NDJSON = Path.of("kibana/netblock-dashboards.ndjson");
    private static final Set<String> DASHBOARD_KEYS = Set.of("title", "description", "panelsJSON", "optionsJSON", "timeRestore",
            "timeFrom", "timeTo", "refreshInterval", "version", "kibanaSavedObjectMeta", "controlGroupInput");
    private static List<JsonNode> objects;

    @BeforeAll
    static void read() throws IOException {
        objects = new ArrayList<>();
        for (String line : Files.readAllLines(NDJSON)) {
            objects.add(JSON.readTree(line)); // every line parses
        }
    }

    @Test
    void theCommittedFileIsWhatTheGeneratorWrites() throws IOException {
        assertThat(Files.readString(NDJSON)).as("run KibanaObjects.main to regenerate").isEqualTo(KibanaObjects.ndjson());
    }

    @Test
    void everyObjectHasTypeIdAttributesAndVersionsNotNewerThan890() {
        for (JsonNode o : objects) {
            assertThat(o.path("type").asText()).isIn("index-pattern", "dashboard", "lens", "search");
            assertThat(o.path("id").asText()).isNotBlank();
            assertThat(o.path("attributes").isObject()).isTrue();
            assertThat(o.path("references").isArray()).isTrue();
            assertThat(version(o.path("coreMigrationVersion").asText())).isLessThanOrEqualTo(version("8.9.0"));
            assertThat(version(o.path("typeMigrationVersion").asText())).isLessThanOrEqualTo(version("8.9.0"));
        }
    }

    private static int version(String v) {
        String[] p = v.split("\\.");
        return Integer.parseInt(p[0]) * 10_000 + Integer.parseInt(p[1]) * 100 + Integer.parseInt(p[2]);
    }

    @Test
    void dashboardsFollowTheV1SchemaAndTheirPanelsFitTheGrid() throws IOException {
        List<JsonNode> dashboards = objects.stream().filter(o -> o.path("type").asText().equals("dashboard")).toList();
        assertThat(dashboards).extracting(d -> d.at("/attributes/title").asText()).containsExactly("Attack origins", "Netblock investigation");
        for (JsonNode d : dashboards) {
            JsonNode a = d.get("attributes");
            for (Iterator<String> keys = a.fieldNames(); keys.hasNext(); ) {
                assertThat(keys.next()).isIn(DASHBOARD_KEYS);
            }
            assertThat(a.get("panelsJSON").isTextual()).as("panelsJSON is a string").isTrue();
            JsonNode panels = JSON.readTree(a.get("panelsJSON").asText());
            JSON.readTree(a.get("optionsJSON").asText());
            JSON.readTree(a.at("/kibanaSavedObjectMeta/searchSourceJSON").asText());
            Set<String> indices = new HashSet<>();
            Set<String> refNames = new HashSet<>();
            d.get("references").forEach(r -> refNames.add(r.get("name").asText()));
            for (JsonNode p : panels) {
                assertThat(p.path("type").asText()).as("panel type").isNotBlank();
                String index = p.get("panelIndex").asText();
                assertThat(indices.add(index)).as("unique panelIndex %s", index).isTrue();
                JsonNode g = p.get("gridData");
                assertThat(g.get("x").asInt() + g.get("w").asInt()).as("x+w of %s", index).isLessThanOrEqualTo(48);
                assertThat(g.get("i").asText()).isEqualTo(index);
                if (p.get("type").asText().equals("lens")) {
                    JsonNode lens = p.at("/embeddableConfig/attributes");
                    assertThat(lens.get("type").asText()).isEqualTo("lens");
                    assertThat(lens.get("visualizationType").asText()).isIn("lnsXY", "lnsPie", "lnsDatatable", "lnsMetric");
                    for (Iterator<String> layers = lens.at("/state/datasourceStates/formBased/layers").fieldNames(); layers.hasNext(); ) {
                        String layer = layers.next();
                        assertThat(refNames).as("dashboard reference of %s", layer).contains(index + ":indexpattern-datasource-layer-" + layer);
                        assertThat(lens.get("references").findValuesAsText("name")).contains("indexpattern-datasource-layer-" + layer);
                    }
                } else {
                    assertThat(refNames).contains(index + ":" + p.get("panelRefName").asText());
                }
            }
        }
    }

    @Test
    void everyReferenceNamesAnObjectOfTheFile() {
        Map<String, String> ids = new HashMap<>();
        objects.forEach(o -> ids.put(o.get("id").asText(), o.get("type").asText()));
        for (JsonNode o : objects) {
            for (JsonNode r : o.get("references")) {
                assertThat(ids).as("reference %s of %s", r, o.get("id")).containsEntry(r.get("id").asText(), r.get("type").asText());
            }
            for (JsonNode lens : o.findValues("embeddableConfig")) {
                for (JsonNode r : lens.path("attributes").path("references")) {
                    assertThat(ids).containsEntry(r.get("id").asText(), r.get("type").asText());
                }
            }
        }
    }

    /** Every field a panel or the saved search uses is mapped by the templates. */
    @Test
    void everyFieldUsedExistsInTheIndexTemplates() throws IOException {
        Set<String> mapped = new HashSet<>();
        try (Stream<Path> files = Files.list(Path.of("elasticsearch"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("component-template-")).toList()) {
                collect(JSON.readTree(f.toFile()).at("/template/mappings/properties"), "", mapped);
            }
        }
        Set<String> used = usedFields();
        assertThat(used).contains("source.netblock.owner.name", "source.geo.country_iso_code", "url.original", "@timestamp");
        assertThat(mapped).containsAll(used);
    }

    static Set<String> usedFields() throws IOException {
        Set<String> used = new HashSet<>();
        for (JsonNode o : objects == null ? readAll() : objects) {
            if (o.get("type").asText().equals("dashboard")) {
                for (JsonNode field : JSON.readTree(o.at("/attributes/panelsJSON").asText()).findValues("sourceField")) {
                    if (!field.asText().equals("___records___")) {
                        used.add(field.asText());
                    }
                }
            }
            if (o.get("type").asText().equals("search")) {
                o.at("/attributes/columns").forEach(c -> used.add(c.asText()));
                o.at("/attributes/sort").forEach(s -> used.add(s.get(0).asText()));
            }
        }
        return used;
    }

    private static List<JsonNode> readAll() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(NDJSON)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static void collect(JsonNode properties, String prefix, Set<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + e.getKey();
            if (e.getValue().has("properties")) {
                collect(e.getValue().get("properties"), path + ".", out);
            } else {
                out.add(path);
            }
        }
    }
}
