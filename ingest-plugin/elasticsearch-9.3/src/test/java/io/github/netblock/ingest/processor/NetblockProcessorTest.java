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
import org.elasticsearch.ingest.AbstractProcessor;
import org.elasticsearch.ingest.CompoundProcessor;
import org.elasticsearch.ingest.IngestDocument;
import org.elasticsearch.ingest.IngestPipelineFieldAccessPattern;
import org.elasticsearch.ingest.Pipeline;
import org.elasticsearch.ingest.Processor;
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

    /**
     * Under each field access pattern a pipeline can have, the processor writes what a set per leaf ({@code setFieldValue}
     * of {@code as.number}, {@code as.organization.name}, {@code geo.country_iso_code}) writes under that pattern: under
     * the classic one it sets the new {@code as} and {@code geo} objects whole, which must come out the same; under the
     * flexible one a dotted path may mean a flat key, so it sets each leaf.
     */
    @Test
    void theProcessorWritesWhatASetPerLeafWritesUnderEitherFieldAccessPattern() throws Exception {
        for (String target : List.of("source", "")) {
            NetblockProcessor netblock = processor(Map.of("field", "source.ip", "target_field", target,
                    "properties", List.of("as.number", "as.organization.name", "geo.country_iso_code")));
            String prefix = target.isEmpty() ? "" : target + ".";
            Processor byLeaf = new AbstractProcessor(null, null) {
                @Override
                public IngestDocument execute(IngestDocument d) {
                    // TestDatabases: 198.51.100.7 is in EXAMPLE-ALLOC (AS64500 EXAMPLE-AS, NL)
                    d.setFieldValue(prefix + "as.number", 64500L);
                    d.setFieldValue(prefix + "as.organization.name", "EXAMPLE-AS");
                    d.setFieldValue(prefix + "geo.country_iso_code", "NL");
                    return d;
                }

                @Override
                public String getType() {
                    return "by-leaf";
                }
            };
            for (IngestPipelineFieldAccessPattern pattern : IngestPipelineFieldAccessPattern.values()) {
                Map<String, Object> annotated = run(netblock, pattern);
                assertThat(annotated).as(pattern.getKey() + ", target [" + target + "]").isEqualTo(run(byLeaf, pattern));
                if (pattern == IngestPipelineFieldAccessPattern.CLASSIC) {
                    Map<?, ?> under = target.isEmpty() ? annotated : (Map<?, ?>) annotated.get(target);
                    assertThat(under.get("as"))
                            .isEqualTo(Map.of("number", 64500L, "organization", Map.of("name", "EXAMPLE-AS")));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(Processor processor, IngestPipelineFieldAccessPattern pattern) throws Exception {
        Map<String, Object> source = new HashMap<>();
        source.put("source", new HashMap<>(Map.of("ip", "198.51.100.7")));
        source.put("geo", new HashMap<>(Map.of("city_name", "Toronto"))); // an object of the document's own under the root
        ((Map<String, Object>) source.get("source")).put("geo", new HashMap<>(Map.of("city_name", "Toronto"))); // and under source
        IngestDocument doc = new IngestDocument("logs", "1", 1, null, VersionType.INTERNAL, source);
        Pipeline pipeline = new Pipeline("p", null, null, null, new CompoundProcessor(processor), pattern, null, null, null);
        Exception[] failure = new Exception[1];
        doc.executePipeline(pipeline, (d, e) -> failure[0] = e);
        if (failure[0] != null) {
            throw failure[0];
        }
        return doc.getSource();
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
