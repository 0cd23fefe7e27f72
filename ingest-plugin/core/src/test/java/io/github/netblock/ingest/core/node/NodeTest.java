package io.github.netblock.ingest.core.node;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookup and stats answers every platform's REST API gives, from a hand-made database. */
class NodeTest {
    static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

    @TempDir
    Path dir;
    DatabaseRegistry registry;

    @BeforeEach
    void setUp() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("ingest-netblock"));
        TestDatabases.write(folder.resolve("default.nbdb"), "SCANNER-NET");
        registry = new DatabaseRegistry(folder, Files.createDirectories(dir.resolve("tmp")), Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofDays(30));
        registry.loadDirectory();
    }

    @AfterEach
    void tearDown() throws IOException {
        registry.close();
    }

    @Test
    void aLookupAnswersTheAddressTheDatabaseAndItsFreshnessFirstThenTheBlocks() {
        Map<String, Object> body = NodeLookup.answer(registry, " 198.51.100.7 ", "default");
        assertThat(body.keySet()).startsWith("ip", "database", "database_stale", "netblocks");
        assertThat(body.get("ip")).isEqualTo("198.51.100.7");
        assertThat(body.get("database")).isEqualTo("default");
        // data of 2026-11-20, six days before NOW: within the 30-day maximum age
        assertThat(body.get("database_stale")).isEqualTo(false);
        List<?> blocks = (List<?>) body.get("netblocks");
        assertThat(blocks.stream().map(b -> ((Map<?, ?>) b).get("name")).toList()).isEqualTo(List.of("SCANNER-NET", "EXAMPLE-ALLOC"));
    }

    @Test
    void aLookupRequestWithoutAnAddressOrDatabaseIsRefusedWithOneMessageEach() {
        assertThat(NodeLookup.requestErrors("198.51.100.7", "default")).isEmpty();
        assertThat(NodeLookup.requestErrors(" ", "default")).containsExactly("an IP address is required: GET _netblock/lookup/{ip}");
        assertThat(NodeLookup.requestErrors(null, "")).containsExactly("an IP address is required: GET _netblock/lookup/{ip}",
                "a database name is required");
    }

    @Test
    void theClusterStatsBodyCountsTheNodesAndListsEachByIdWithItsNameFirst() {
        Map<String, Object> stats = NodeStats.of(registry, NOW);
        Map<String, Object> body = NodeStats.clusterBody("netblock-it", List.of(new NodeStats.NodeAnswer("id-1", "smoke", stats)),
                List.of(new NodeStats.NodeFailure("id-2", "node left")));
        assertThat(body.keySet()).containsExactly("_nodes", "cluster_name", "nodes", "failures");
        assertThat(body.get("_nodes")).isEqualTo(Map.of("total", 2, "successful", 1, "failed", 1));
        assertThat(body.get("cluster_name")).isEqualTo("netblock-it");
        @SuppressWarnings("unchecked")
        Map<String, Object> node = (Map<String, Object>) ((Map<?, ?>) body.get("nodes")).get("id-1");
        assertThat(node.keySet()).startsWith("name", "databases");
        assertThat(node.get("name")).isEqualTo("smoke");
        assertThat(node.get("reloads")).isEqualTo(stats.get("reloads"));
        assertThat(body.get("failures")).isEqualTo(List.of(Map.of("node_id", "id-2", "reason", "node left")));
        // every node answered: no failures key at all
        assertThat(NodeStats.clusterBody("c", List.of(), List.of())).doesNotContainKey("failures")
                .containsEntry("_nodes", Map.of("total", 0, "successful", 0, "failed", 0));
    }

    @Test
    void aLookupFailsWithATypeForEachCause() {
        assertThatThrownBy(() -> NodeLookup.answer(registry, "scanner.example", "default"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("[scanner.example] is not an IP address");
        assertThatThrownBy(() -> NodeLookup.answer(registry, "198.51.100.7", "later"))
                .isInstanceOf(NodeLookup.DatabaseNotLoadedException.class)
                .hasMessage("netblock database [later] is not loaded on this node");
    }

    @Test
    void statsCountTheLookupsOfEachDatabaseAndDescribeItsFile() {
        NodeLookup.answer(registry, "198.51.100.7", "default");
        NodeLookup.answer(registry, "192.0.2.1", "default");
        Map<String, Object> stats = NodeStats.of(registry, NOW);
        // reloads counts every file loaded from the folder, the first load of default.nbdb included
        assertThat(stats).containsEntry("lookups", 2L).containsEntry("hits", 1L).containsEntry("misses", 1L)
                .containsEntry("reloads", 1L).containsEntry("rejected_files", 0L).containsEntry("recent_rejections", List.of());
        Map<?, ?> db = (Map<?, ?>) ((List<?>) stats.get("databases")).get(0);
        assertThat(db.get("name")).isEqualTo("default");
        assertThat(db.get("bundled")).isEqualTo(false);
        assertThat(db.get("data_date")).isEqualTo("2026-11-20T00:00:00Z");
        assertThat(db.get("age_in_seconds")).isEqualTo(6L * 24 * 3600);
        assertThat(db.get("stale")).isEqualTo(false);
        // TestDatabases: two IPv4 blocks and one IPv6 block, one PTR entry, one registrar, one source
        assertThat(db.get("blocks")).isEqualTo(Map.of("ipv4", 2L, "ipv6", 1L));
        assertThat(db.get("reverse_dns_entries")).isEqualTo(1L);
        assertThat(db.get("registrars")).isEqualTo(1L);
        List<?> sources = (List<?>) db.get("sources");
        assertThat(sources).hasSize(1);
        Map<?, ?> source = (Map<?, ?>) sources.get(0);
        assertThat(source.get("name")).isEqualTo("ripe");
        assertThat(source.get("format")).isEqualTo("rpsl");
        assertThat(source.get("serial")).isEqualTo("1");
        assertThat(source.get("blocks")).isEqualTo(3L);
        assertThat(db.get("lookups")).isEqualTo(2L);
    }

    @Test
    void aPluginWithoutItsBundledDatabaseSaysWhichJarIsMissing() {
        // the core's own class path has no bundled-database jar
        assertThatThrownBy(() -> NodeDatabases.open(dir, dir.resolve("tmp"), Duration.ofDays(30)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ingest-netblock-bundled-database");
    }
}
