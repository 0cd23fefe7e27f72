package io.github.netblock.ingest.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.ingest.core.TestDatabases;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.core.schema.OutputProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.OpenSearchParseException;
import org.opensearch.common.logging.HeaderWarning;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.index.VersionType;
import org.opensearch.ingest.IngestDocument;

/**
 * The OpenSearch adapter against the OpenSearch 3.3 server classes: options through ConfigurationUtils,
 * OpenSearch's document. What is written is the core's, tested there.
 */
class NetblockProcessorTest {
    @TempDir
    Path dir;
    DatabaseRegistry registry;

    @BeforeEach
    void setUp() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("ingest-netblock"));
        TestDatabases.write(folder.resolve("default.nbdb"), "SCANNER-NET");
        registry = new DatabaseRegistry(folder, Files.createDirectories(dir.resolve("tmp")),
                Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(30));
        registry.loadDirectory();
    }

    @AfterEach
    void tearDown() throws IOException {
        registry.close();
    }

    private NetblockProcessor processor(Map<String, Object> options) {
        return new NetblockProcessorFactory(registry).create(Map.of(), "tag", null, new HashMap<>(options));
    }

    private static IngestDocument document(Map<String, Object> source) {
        return new IngestDocument("logs", "1", null, 1L, VersionType.INTERNAL, new HashMap<>(source));
    }

    @Test
    void aProcessorAnnotatesAnOpenSearchDocument() {
        NetblockProcessor p = processor(Map.of("field", "source.ip", "properties", List.of("netblock.name", "as.number")));
        assertThat(p.getType()).isEqualTo("netblock");
        assertThat(p.targetField()).isEqualTo("source");
        assertThat(p.properties()).containsExactlyInAnyOrder(OutputProperty.of("netblock.name"), OutputProperty.of("as.number"));
        Map<String, Object> source = new HashMap<>();
        source.put("ip", "198.51.100.7");
        IngestDocument doc = document(Map.of("source", source));
        p.execute(doc);
        // TestDatabases: 198.51.100.7 is in SCANNER-NET (no AS of its own) inside EXAMPLE-ALLOC (AS64500)
        assertThat(doc.getFieldValue("source.netblock.name", String.class)).isEqualTo("SCANNER-NET");
        assertThat(doc.getFieldValue("source.as.number", Long.class)).isEqualTo(64500L);
    }

    /**
     * The writer works in the target object's maps (OpenSearch's root is its source-and-metadata map): what it writes is
     * what OpenSearch's setFieldValue per field writes, at the root and under {@code source}, next to an object of the
     * document's own, and the document's metadata stays as it was.
     */
    @Test
    void whatTheProcessorWritesIsWhatSetFieldValuePerFieldWrites() {
        for (String target : List.of("", "source")) {
            String at = target.isEmpty() ? "" : target + ".";
            NetblockProcessor p = processor(Map.of("field", "source.ip", "target_field", target,
                    "properties", List.of("as.number", "as.organization.name", "geo.country_iso_code", "netblock.name")));
            IngestDocument annotated = document(Map.of("source", new HashMap<>(Map.of("ip", "198.51.100.7")),
                    "geo", new HashMap<>(Map.of("city_name", "Toronto"))));
            IngestDocument byField = document(Map.of("source", new HashMap<>(Map.of("ip", "198.51.100.7")),
                    "geo", new HashMap<>(Map.of("city_name", "Toronto"))));
            p.execute(annotated);
            // TestDatabases: 198.51.100.7 is in SCANNER-NET inside EXAMPLE-ALLOC (AS64500 EXAMPLE-AS, NL)
            byField.setFieldValue(at + "as.number", 64500L);
            byField.setFieldValue(at + "as.organization.name", "EXAMPLE-AS");
            byField.setFieldValue(at + "geo.country_iso_code", "NL");
            byField.setFieldValue(at + "netblock", Map.of("name", "SCANNER-NET"));
            assertThat(annotated.getSourceAndMetadata()).as("target [" + target + "]").isEqualTo(byField.getSourceAndMetadata());
            assertThat(annotated.getFieldValue("_index", String.class)).isEqualTo("logs");
        }
    }

    @Test
    void anUnknownDatabaseTagsTheDocumentAndAMissingFieldFailsItWithItsName() {
        Map<String, Object> source = new HashMap<>();
        source.put("ip", "198.51.100.7");
        IngestDocument tagged = document(Map.of("source", source));
        processor(Map.of("field", "source.ip", "database", "nope")).execute(tagged);
        assertThat(tagged.getFieldValue("tags", List.class)).containsExactly("_netblock_database_unavailable");

        IngestDocument empty = document(Map.of());
        assertThatThrownBy(() -> processor(Map.of("field", "source.ip")).execute(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source.ip");
        // ignore_missing: the document stays as it was (the removal path of the adapter is not taken)
        IngestDocument untouched = document(Map.of("other", "x"));
        processor(Map.of("field", "source.ip", "ignore_missing", true)).execute(untouched);
        assertThat(untouched.getSourceAndMetadata()).doesNotContainKey("source");
    }

    @Test
    void aBadOptionFailsPipelineCreationWithOpenSearchsParseExceptionNamingTheOption() {
        assertThatThrownBy(() -> processor(Map.of("field", "source.ip", "properties", List.of("netblock.nope"))))
                .isInstanceOf(OpenSearchParseException.class)
                .hasMessageContaining("[properties]").hasMessageContaining("netblock.nope");
        assertThatThrownBy(() -> processor(Map.of("properties", List.of("as.number"))))
                .isInstanceOf(OpenSearchParseException.class).hasMessageContaining("[field] required property is missing");
    }

    @Test
    void aStaleDatabaseTagsTheDocumentAndSendsOpenSearchsWarningHeader() throws IOException {
        // TestDatabases' data are of 2026-11-20, six days before the clock: stale for a one-day maximum age
        Path folder = Files.createDirectories(dir.resolve("stale"));
        TestDatabases.write(folder.resolve("default.nbdb"), "SCANNER-NET");
        ThreadContext context = new ThreadContext(Settings.EMPTY);
        HeaderWarning.setThreadContext(context);
        try (DatabaseRegistry strict = new DatabaseRegistry(folder, Files.createDirectories(dir.resolve("stale-tmp")),
                Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(1))) {
            strict.loadDirectory();
            Map<String, Object> source = new HashMap<>();
            source.put("ip", "198.51.100.7");
            IngestDocument doc = document(Map.of("source", source));
            new NetblockProcessorFactory(strict).create(Map.of(), "tag", null, new HashMap<>(Map.of("field", "source.ip"))).execute(doc);
            assertThat(doc.getFieldValue("tags", List.class)).containsExactly("_netblock_database_stale");
            assertThat(doc.getFieldValue("source.netblock.name", String.class)).isEqualTo("SCANNER-NET");
            assertThat(context.getResponseHeaders().get("Warning")).singleElement().asString()
                    .contains("netblock database [default] is older than the configured maximum age");
        } finally {
            HeaderWarning.removeThreadContext(context);
        }
    }
}
