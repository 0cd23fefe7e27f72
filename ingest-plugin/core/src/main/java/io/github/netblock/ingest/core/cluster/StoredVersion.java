package io.github.netblock.ingest.core.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One version of a cluster database: its name, its generation (every publish, rollback and delete of a name
 * takes the next one, so the highest generation is what the cluster serves), the SHA-256 and size of its
 * file, when it was published, and what its header says. A deleted name is a version too (a tombstone), so
 * that a node that was away when the name was deleted learns of it like of any newer version.
 */
public record StoredVersion(String name, long generation, String sha256, long size, Instant publishedAt, boolean deleted,
                            long blocks, Instant buildTime, Instant dataDate) {

    /** A tombstone: {@code name} is deleted as of {@code generation}. */
    public static StoredVersion tombstone(String name, long generation, Instant at) {
        return new StoredVersion(name, generation, "", 0, at, true, 0, null, null);
    }

    /** Whether this version is newer than {@code other} (null is older than anything). */
    public boolean newerThan(StoredVersion other) {
        if (other == null) {
            return true;
        }
        if (generation != other.generation) {
            return generation > other.generation;
        }
        // two publishes that took the same generation on two nodes at once: the later one, then the larger checksum wins everywhere
        int byTime = publishedAt.compareTo(other.publishedAt);
        return byTime != 0 ? byTime > 0 : sha256.compareTo(other.sha256) > 0;
    }

    /** Plain values, for the wire and for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("generation", generation);
        m.put("deleted", deleted);
        m.put("published_at", publishedAt.toString());
        if (!deleted) {
            m.put("sha256", sha256);
            m.put("size_in_bytes", size);
            m.put("blocks", blocks);
            if (buildTime != null) {
                m.put("build_time", buildTime.toString());
            }
            if (dataDate != null) {
                m.put("data_date", dataDate.toString());
            }
        }
        return m;
    }

    public static StoredVersion fromMap(Map<?, ?> m) {
        boolean deleted = Boolean.TRUE.equals(m.get("deleted"));
        return new StoredVersion((String) m.get("name"), ((Number) m.get("generation")).longValue(),
                deleted ? "" : (String) m.get("sha256"), deleted ? 0 : ((Number) m.get("size_in_bytes")).longValue(),
                Instant.parse((String) m.get("published_at")), deleted, deleted ? 0 : ((Number) m.get("blocks")).longValue(),
                instant(m.get("build_time")), instant(m.get("data_date")));
    }

    Properties toProperties() {
        Properties p = new Properties();
        toMap().forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
        return p;
    }

    static StoredVersion fromProperties(Properties p) {
        boolean deleted = Boolean.parseBoolean(p.getProperty("deleted"));
        return new StoredVersion(p.getProperty("name"), Long.parseLong(p.getProperty("generation")),
                deleted ? "" : p.getProperty("sha256"), deleted ? 0 : Long.parseLong(p.getProperty("size_in_bytes")),
                Instant.parse(p.getProperty("published_at")), deleted, deleted ? 0 : Long.parseLong(p.getProperty("blocks")),
                instant(p.getProperty("build_time")), instant(p.getProperty("data_date")));
    }

    private static Instant instant(Object v) {
        return v == null ? null : Instant.parse(v.toString());
    }

    @Override
    public String toString() {
        return deleted ? name + " generation " + generation + " (deleted)"
                : name + " generation " + generation + " (sha256 " + sha256.substring(0, Math.min(12, sha256.length())) + ")";
    }

    /**
     * The SHA-256 of a file, in hex, read in a stream: what names a version's bytes, which the loader computes and every
     * node checks an upload and a fetch against (here, in a class the loader can load: no logging, no platform).
     */
    public static String sha256Of(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
