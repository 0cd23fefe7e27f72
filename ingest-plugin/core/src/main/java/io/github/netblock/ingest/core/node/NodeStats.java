package io.github.netblock.ingest.core.node;

import io.github.netblock.index.format.DatabaseMetadata;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node's answer to {@code GET _netblock/stats}: its databases (build, data date, sources, counts,
 * checksum, age, counters, a refused file) and its totals, as plain maps and lists that every platform
 * can send between nodes and print as JSON.
 */
public final class NodeStats {
    private NodeStats() {}

    /** One node's answer to the cluster-wide request: its id and name, and its {@link #of stats}. */
    public record NodeAnswer(String id, String name, Map<String, Object> stats) {}

    /** A node that did not answer, and why. */
    public record NodeFailure(String nodeId, String reason) {}

    /**
     * The body of {@code GET _netblock/stats}: {@code _nodes} (total, successful, failed), {@code cluster_name},
     * {@code nodes} by id (each its name, then its stats), and {@code failures} when a node did not answer.
     */
    public static Map<String, Object> clusterBody(String clusterName, List<NodeAnswer> answers, List<NodeFailure> failures) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total", answers.size() + failures.size());
        counts.put("successful", answers.size());
        counts.put("failed", failures.size());
        Map<String, Object> nodes = new LinkedHashMap<>();
        for (NodeAnswer a : answers) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", a.name());
            node.putAll(a.stats());
            nodes.put(a.id(), node);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("_nodes", counts);
        out.put("cluster_name", clusterName);
        out.put("nodes", nodes);
        if (!failures.isEmpty()) {
            List<Object> failed = new ArrayList<>();
            for (NodeFailure f : failures) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("node_id", f.nodeId());
                one.put("reason", f.reason());
                failed.add(one);
            }
            out.put("failures", failed);
        }
        return out;
    }

    public static Map<String, Object> of(DatabaseRegistry registry, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> databases = new ArrayList<>();
        long lookups = 0;
        long hits = 0;
        long misses = 0;
        for (DatabaseRegistry.DatabaseInfo d : registry.databases()) {
            databases.add(database(d, now));
            lookups += d.lookups();
            hits += d.hits();
            misses += d.misses();
        }
        out.put("databases", databases);
        out.put("lookups", lookups);
        out.put("hits", hits);
        out.put("misses", misses);
        out.put("reloads", registry.reloads());
        out.put("rejected_files", registry.rejectedFiles());
        List<Object> rejections = new ArrayList<>();
        for (DatabaseRegistry.Rejection r : registry.recentRejections()) {
            rejections.add(rejection(r));
        }
        out.put("recent_rejections", rejections);
        return out;
    }

    private static Map<String, Object> database(DatabaseRegistry.DatabaseInfo d, Instant now) {
        DatabaseMetadata m = d.metadata();
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("name", d.name());
        if (d.file() != null) {
            db.put("file", d.file().toString());
        }
        db.put("bundled", d.bundled());
        db.put("origin", d.origin().label()); // bundled, folder or cluster
        if (d.clusterVersion() != null) {
            db.put("cluster_version", d.clusterVersion());
        }
        db.put("build_time", m.buildTime().toString());
        if (m.dataDate() != null) {
            db.put("data_date", m.dataDate().toString());
        }
        db.put("age_in_seconds", m.age(now).toSeconds());
        db.put("stale", d.stale());
        db.put("description", m.description());
        List<Object> sources = new ArrayList<>();
        for (SourceInfo s : m.sources()) {
            Map<String, Object> src = new LinkedHashMap<>();
            src.put("name", s.name());
            src.put("format", s.format());
            if (s.serial() != null) {
                src.put("serial", s.serial());
            }
            if (s.date() != null) {
                src.put("date", s.date().toString());
            }
            src.put("blocks", s.blockCount());
            sources.add(src);
        }
        db.put("sources", sources);
        db.put("blocks", Map.of("ipv4", m.counts().v4Blocks(), "ipv6", m.counts().v6Blocks()));
        db.put("reverse_dns_entries", m.counts().reverseDns());
        db.put("registrars", m.counts().registrars());
        db.put("file_size_in_bytes", m.fileLength());
        db.put("checksum", m.checksumHex());
        db.put("lookups", d.lookups());
        db.put("hits", d.hits());
        db.put("misses", d.misses());
        if (d.rejection() != null) {
            // the file on disk was refused: this database still serves the version loaded before
            db.put("rejected_file", rejection(d.rejection()));
        }
        return db;
    }

    private static Map<String, Object> rejection(DatabaseRegistry.Rejection r) {
        return Map.of("file", r.file().toString(), "reason", r.reason(), "time", r.time().toString());
    }
}
