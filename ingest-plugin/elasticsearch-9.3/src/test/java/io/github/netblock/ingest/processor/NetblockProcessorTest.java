package io.github.netblock.ingest.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.ingest.core.TestDatabases;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
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
import org.elasticsearch.cluster.metadata.ProjectId;
import org.elasticsearch.index.VersionType;
import org.elasticsearch.ingest.IngestDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 9.3 adapter against the 9.3 server classes: options through ConfigurationUtils, the project id of
 * 9.x's factory, Elasticsearch's document. What is written is the core's, tested there.
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
        return new NetblockProcessorFactory(registry).create(Map.of(), "tag", null, new HashMap<>(options), ProjectId.DEFAULT);
    }

    @Test
    void aProcessorOfTheDefaultProjectAnnotatesAnElasticsearchDocument() {
        NetblockProcessor p = processor(Map.of("field", "source.ip", "properties", List.of("netblock.name", "as.number")));
        assertThat(p.getType()).isEqualTo("netblock");
        assertThat(p.targetField()).isEqualTo("source");
        Map<String, Object> source = new HashMap<>();
        source.put("ip", "198.51.100.7");
        IngestDocument doc = new IngestDocument("logs", "1", 1, null, VersionType.INTERNAL, new HashMap<>(Map.of("source", source)));
        p.execute(doc);
        // TestDatabases: 198.51.100.7 is in SCANNER-NET (no AS of its own) inside EXAMPLE-ALLOC (AS64500)
        assertThat(doc.getFieldValue("source.netblock.name", String.class)).isEqualTo("SCANNER-NET");
        assertThat(doc.getFieldValue("source.as.number", Long.class)).isEqualTo(64500L);
    }

    @Test
    void aMissingFieldFailsTheDocumentWithElasticsearchsMessage() {
        IngestDocument empty = new IngestDocument("logs", "1", 1, null, VersionType.INTERNAL, new HashMap<>());
        assertThatThrownBy(() -> processor(Map.of("field", "source.ip")).execute(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source.ip");
        // A bad option's ElasticsearchParseException cannot be built outside a node on 9.3 (the static
        // initialiser of ElasticsearchException fails without the node's class path): the smoke IT checks
        // that pipeline creation fails with the option named, on a real 9.3 node.
    }
}
