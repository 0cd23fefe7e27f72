package io.github.netblock.ingest.core.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.ingest.core.MapDocument;
import io.github.netblock.ingest.core.TestDatabases;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.core.schema.ProcessorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the processor does to a document on every platform, on a document of plain maps. */
class DocumentAnnotatorTest {
    @TempDir
    Path dir;
    DatabaseRegistry registry;

    @BeforeEach
    void setUp() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("ingest-netblock"));
        TestDatabases.write(folder.resolve("default.nbdb"), "SCANNER-NET");
        // 2027-01-01: the data of 2026-11-20 is older than 30 days, so the database is stale
        registry = new DatabaseRegistry(folder, Files.createDirectories(dir.resolve("tmp")),
                Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(30));
        registry.loadDirectory();
    }

    @AfterEach
    void tearDown() throws IOException {
        registry.close();
    }

    private DocumentAnnotator annotator(String database, boolean ignoreMissing, boolean firstOnly) {
        return new DocumentAnnotator(ProcessorOptions.of("source.ip", null, List.of("netblock.name", "as.number"), false, ignoreMissing,
                firstOnly, database, false), registry);
    }

    @Test
    void aStaleDatabaseStillAnnotatesTagsTheDocumentAndWarnsTheClient() {
        MapDocument d = new MapDocument();
        d.set("source.ip", "198.51.100.7");
        annotator("default", false, true).annotate(d);
        assertThat(d.get("source.netblock.name")).isEqualTo("SCANNER-NET");
        assertThat(d.get("source.as.number")).isEqualTo(64500L);
        assertThat(d.get("tags")).isEqualTo(List.of(DocumentAnnotator.TAG_STALE));
        assertThat(d.warnings).containsExactly(
                "netblock database [default] is older than the configured maximum age; update it with netblock-loader");
    }

    @Test
    void anUnknownDatabaseTagsTheDocumentAndWritesNothing() {
        MapDocument d = new MapDocument();
        d.set("source.ip", "198.51.100.7");
        annotator("later", false, true).annotate(d);
        assertThat(d.get("tags")).isEqualTo(List.of(DocumentAnnotator.TAG_UNAVAILABLE));
        assertThat(d.get("source.netblock")).isNull();
    }

    @Test
    void everyAddressOfAnArrayGetsItsPositionAndAMissingFieldFailsUnlessIgnored() {
        MapDocument d = new MapDocument();
        d.set("source.ip", List.of("192.0.2.1", "198.51.100.7"));
        annotator("default", false, false).annotate(d);
        assertThat(d.get("source.netblock")).isEqualTo(Arrays.asList(null, java.util.Map.of("name", "SCANNER-NET")));
        assertThat(d.get("source.as.number")).isEqualTo(Arrays.asList(null, 64500L));

        MapDocument empty = new MapDocument();
        annotator("default", true, true).annotate(empty);
        assertThat(empty.source).isEmpty();
        assertThatThrownBy(() -> annotator("default", false, true).annotate(new MapDocument()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source.ip");
    }
}
