package io.github.netblock.ingest.core.cluster;

import io.github.netblock.index.format.InvalidDatabaseException;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.index.read.OpenOptions;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Netblock databases published into the cluster: {@code publish --es} uploads a file in chunks to one node,
 * which checks it (size, SHA-256, every byte of the database) and makes it the next version of its name; every
 * other node then fetches it from that node in chunks, checks it the same way and swaps it in through the
 * {@link DatabaseRegistry} (so no document in flight is lost). Each node keeps its versions on its own disk
 * ({@link DatabaseStore}): a restarted node serves what it had at once and asks the others for anything newer; a
 * node that joins later, or missed a publish, catches up the same way.
 *
 * <p>Nothing is ever held whole in memory: uploads and fetches go through the disk in chunks of
 * {@value #CHUNK_SIZE} bytes. A version that fails a check is never current on the node that checked it; the
 * reason stays in {@link #localStatus()} and {@link #describe} until a good version arrives.
 */
public final class ClusterDatabases {
    /** The bytes of one chunk of an upload or a fetch. */
    public static final int CHUNK_SIZE = 4 << 20;
    /** Versions of each name every node keeps for {@link #rollback}. */
    public static final int KEEP = 3;
    static final Duration CATALOG_TIMEOUT = Duration.ofSeconds(15);
    static final Duration CHUNK_TIMEOUT = Duration.ofSeconds(60);
    static final Duration FETCH_TIMEOUT = Duration.ofMinutes(10);
    /** Uploads and fetches nobody wrote to for this long are deleted. */
    static final Duration ABANDONED = Duration.ofHours(1);
    /** A version that failed on this node is not fetched again from the same node for this long (a periodic sync would loop). */
    static final Duration RETRY_AFTER = Duration.ofMinutes(5);
    private static final Logger LOGGER = LogManager.getLogger(ClusterDatabases.class);

    /** A file whose size or SHA-256 is not its version's: its bytes are not that version (a kept file someone changed). */
    private static final class ChecksumMismatch extends IOException {
        ChecksumMismatch(String message) {
            super(message);
        }
    }

    private final DatabaseStore store;
    private final DatabaseRegistry registry;
    private final Peers peers;
    private final Clock clock;
    private final Executor executor;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    /** When a fetch of a version from a node last failed, by "version@node id". */
    private final Map<String, Instant> recentFetchFailures = new ConcurrentHashMap<>();

    /** Why a version of a name is not served on this node. */
    public record Failure(String name, String version, String reason, Instant time) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", version);
            m.put("reason", reason);
            m.put("time", time.toString());
            return m;
        }
    }

    /** A request that names a database or version the cluster does not have (HTTP 404). */
    public static final class NotFoundException extends RuntimeException {
        public NotFoundException(String message) {
            super(message);
        }
    }

    public ClusterDatabases(DatabaseStore store, DatabaseRegistry registry, Peers peers, Clock clock, Executor executor) {
        this.store = store;
        this.registry = registry;
        this.peers = peers;
        this.clock = clock;
        this.executor = executor;
    }

    private Object lockOf(String name) {
        return locks.computeIfAbsent(name, n -> new Object());
    }

    /**
     * At node start: serves the newest version of every name this node kept, before it hears from any other node.
     * A kept file is checked against its version first (size and SHA-256): one changed on disk since (an operator's
     * {@code cp} over it) is discarded, the next older good one serves meanwhile, and the catch-up fetches the
     * version again from another node.
     */
    public void loadStored() {
        store.removeAbandoned(Duration.ZERO, clock.instant().plusSeconds(1)); // nothing of a previous run is in progress
        List<String> names;
        try {
            names = store.names();
        } catch (IOException | RuntimeException e) {
            LOGGER.error("cannot read the netblock cluster databases kept in [{}]", store.root(), e);
            return;
        }
        for (String name : names) {
            try {
                loadStored(name);
            } catch (IOException | RuntimeException e) {
                LOGGER.error("cannot read the netblock cluster database [{}] kept in [{}]", name, store.root(), e);
            }
        }
    }

    private void loadStored(String name) throws IOException {
        List<StoredVersion> versions = new ArrayList<>(store.versions(name));
        versions.sort((a, b) -> a.newerThan(b) ? -1 : b.newerThan(a) ? 1 : 0);
        Failure discarded = null;
        for (StoredVersion v : versions) {
            if (v.deleted()) {
                return; // the name is deleted as of its newest version
            }
            Path file = store.file(v);
            String actual = Files.size(file) == v.size() ? StoredVersion.sha256Of(file) : "(size " + Files.size(file) + ")";
            if (actual.equals(v.sha256())) {
                activate(v);
                if (discarded != null) {
                    failures.put(name, discarded); // an older version serves; why the newer one does not stays in stats
                }
                return;
            }
            store.discard(v);
            fail(name, "the kept file of " + v, String.format(Locale.ROOT, "the kept file %s changed on disk (sha256 %s, the version has %s): discarded, "
                    + "fetched again from another node", file, actual, v.sha256()));
            discarded = discarded == null ? failures.get(name) : discarded;
        }
    }

    private boolean activate(StoredVersion v) {
        try {
            registry.loadFromCluster(v.name(), store.file(v), Long.toString(v.generation()));
            failures.remove(v.name());
            return true;
        } catch (IOException e) {
            fail(v.name(), v.toString(), e.getMessage());
            return false;
        }
    }

    private void fail(String name, String version, String reason) {
        failures.put(name, new Failure(name, version, reason, clock.instant()));
        LOGGER.error("netblock cluster database [{}], {}: {}; the version served before keeps serving", name, version, reason);
    }

    // ---------------------------------------------------------------- publishing (on the node the loader talks to)

    /** Appends a chunk of an upload; nothing is visible until {@link #publish}. */
    public Map<String, Object> upload(String name, String uploadId, long offset, byte[] data) throws IOException {
        DatabaseStore.checkName(name);
        if (data.length > CHUNK_SIZE * 2) {
            throw new IllegalArgumentException("a chunk of " + data.length + " bytes is larger than " + CHUNK_SIZE * 2 + ": send smaller chunks");
        }
        long received = store.append(name, uploadId, offset, data);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("upload_id", uploadId);
        out.put("received_in_bytes", received);
        out.put("node", peers.local().name());
        out.put("node_id", peers.local().id()); // the later chunks and the publish name it (DatabaseApi#forwardTo)
        return out;
    }

    /** Whether this node holds an upload in progress of that id. */
    public boolean hasUpload(String name, String uploadId) {
        return Files.isRegularFile(store.upload(DatabaseStore.checkName(name), uploadId));
    }

    /**
     * Makes a complete upload the next version of its name: checks its size and SHA-256 against what the loader
     * computed and every byte of the database, then serves it here and has every other node fetch it. An upload
     * that fails a check is deleted; the current version keeps serving everywhere.
     */
    public Map<String, Object> publish(String name, String uploadId, String sha256, long size) throws IOException {
        DatabaseStore.checkName(name);
        StoredVersion v;
        synchronized (lockOf(name)) {
            Path part = store.upload(name, uploadId);
            if (!Files.isRegularFile(part)) {
                throw new IllegalArgumentException("no upload [" + uploadId + "] of database [" + name + "] on node " + peers.local().name()
                        + ": send its chunks to this node first, or name the node that took them with node=<its node_id> (an upload nobody writes to for "
                        + ABANDONED.toMinutes() + " minutes is deleted)");
            }
            long have = Files.size(part);
            if (have != size) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "upload [%s] of database [%s] has %,d bytes, the publish says %,d: send the rest from offset %d", uploadId, name, have, size, have));
            }
            String actual = StoredVersion.sha256Of(part);
            String where = "upload [" + uploadId + "]";
            if (!actual.equalsIgnoreCase(sha256)) {
                Files.deleteIfExists(part);
                String reason = "checksum mismatch: the loader computed sha256 " + sha256 + ", the node received " + actual
                        + " (a chunk was damaged or lost); the upload is discarded";
                fail(name, where, reason);
                throw new IllegalArgumentException(where + " of database [" + name + "]: " + reason + ", the current version keeps serving");
            }
            StoredVersion checked;
            try {
                checked = check(part, name, nextGeneration(name), actual, size);
            } catch (IOException e) {
                Files.deleteIfExists(part);
                fail(name, where, e.getMessage());
                throw new IllegalArgumentException(where + " of database [" + name + "]: " + e.getMessage() + "; the current version keeps serving");
            }
            v = checked;
            store.add(part, v);
            activate(v);
            LOGGER.info("published netblock database {} ({} bytes, {} blocks) on node {}", v, v.size(), v.blocks(), peers.local().name());
        }
        return announce(v, "published");
    }

    /** Makes the newest kept version whose file differs from the current one current again (after a delete: the newest kept). */
    public Map<String, Object> rollback(String name) throws IOException {
        DatabaseStore.checkName(name);
        StoredVersion v;
        synchronized (lockOf(name)) {
            List<StoredVersion> versions = new ArrayList<>(store.versions(name));
            if (versions.isEmpty()) {
                throw new NotFoundException("node " + peers.local().name() + " keeps no version of database [" + name + "]");
            }
            versions.sort((a, b) -> a.newerThan(b) ? -1 : b.newerThan(a) ? 1 : 0);
            StoredVersion current = versions.get(0);
            StoredVersion earlier = null;
            Path copy = null;
            long generation = nextGeneration(name);
            for (StoredVersion candidate : versions) {
                if (candidate.deleted() || candidate.sha256().equals(current.sha256())) {
                    continue;
                }
                StoredVersion next = new StoredVersion(name, generation, candidate.sha256(), candidate.size(), clock.instant(), false,
                        candidate.blocks(), candidate.buildTime(), candidate.dataDate());
                Path part = store.incoming(next);
                Files.copy(store.file(candidate), part, StandardCopyOption.REPLACE_EXISTING);
                String actual = StoredVersion.sha256Of(part);
                if (actual.equals(candidate.sha256())) {
                    earlier = candidate;
                    copy = part;
                    break;
                }
                // the kept file changed on disk since (a cp over it): it is not that version; forget it, try the one before
                Files.deleteIfExists(part);
                store.discard(candidate);
                LOGGER.error("netblock cluster database [{}]: the kept file of {} changed on disk (sha256 {}): discarded, not rolled back to",
                        name, candidate, actual);
            }
            if (earlier == null) {
                throw new IllegalArgumentException("node " + peers.local().name() + " keeps no earlier version of database [" + name
                        + "] than " + current + " to roll back to");
            }
            v = new StoredVersion(name, generation, earlier.sha256(), earlier.size(), clock.instant(), false,
                    earlier.blocks(), earlier.buildTime(), earlier.dataDate());
            store.add(copy, v);
            activate(v);
            LOGGER.info("rolled netblock database [{}] back to the file of generation {} as {}", name, earlier.generation(), v);
        }
        return announce(v, "rolled_back");
    }

    /** Deletes a name from the cluster: every node stops serving its cluster version ({@code default}: the bundled one serves again). */
    public Map<String, Object> delete(String name) throws IOException {
        DatabaseStore.checkName(name);
        StoredVersion v;
        synchronized (lockOf(name)) {
            StoredVersion latest = newestAnywhere(name);
            if (latest == null || latest.deleted()) {
                throw new NotFoundException("the cluster has no database [" + name + "]" + (latest == null ? "" : " (deleted as of generation " + latest.generation() + ")"));
            }
            v = StoredVersion.tombstone(name, Math.max(latest.generation(), localGeneration(name)) + 1, clock.instant());
            store.addTombstone(v);
            registry.removeFromCluster(name);
            failures.remove(name);
        }
        return announce(v, "deleted");
    }

    /** The next generation of a name: one above the highest any reachable node holds. */
    private long nextGeneration(String name) throws IOException {
        StoredVersion newest = newestAnywhere(name);
        return Math.max(newest == null ? 0 : newest.generation(), localGeneration(name)) + 1;
    }

    private long localGeneration(String name) throws IOException {
        long max = 0;
        for (StoredVersion v : store.versions(name)) {
            max = Math.max(max, v.generation());
        }
        return max;
    }

    private StoredVersion newestAnywhere(String name) throws IOException {
        StoredVersion newest = store.latest(name);
        for (Map.Entry<Peers.Node, Map<String, Object>> e : catalogs(false).entrySet()) {
            StoredVersion theirs = latestIn(e.getValue(), name);
            if (theirs != null && theirs.newerThan(newest)) {
                newest = theirs;
            }
        }
        return newest;
    }

    /** Tells every other node of a new version and waits until each serves it or says why not. */
    private Map<String, Object> announce(StoredVersion v, String result) throws IOException {
        store.prune(v.name(), KEEP);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "fetch");
        request.put("version", v.toMap());
        request.put("source", peers.local().id());
        Map<String, CompletableFuture<Map<String, Object>>> answers = new TreeMap<>();
        for (Peers.Node node : peers.others()) {
            answers.put(node.name(), CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                Map<String, Object> a;
                try {
                    a = new LinkedHashMap<>(peers.call(node, request, FETCH_TIMEOUT));
                } catch (IOException | RuntimeException e) {
                    a = new LinkedHashMap<>();
                    a.put("status", "failed");
                    a.put("reason", String.valueOf(e.getMessage()));
                }
                a.put("took_in_millis", (System.nanoTime() - start) / 1_000_000);
                return a;
            }, executor));
        }
        Map<String, Object> nodes = new TreeMap<>();
        nodes.put(peers.local().name(), statusOf(v));
        answers.forEach((node, f) -> nodes.put(node, f.join()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("acknowledged", true);
        out.put("result", result);
        out.put("version", v.toMap());
        out.put("nodes", nodes);
        return out;
    }

    /** Whether this node serves {@code v}: {@code active}, {@code deleted}, {@code overridden} by a folder file, or {@code failed} with the reason. */
    private Map<String, Object> statusOf(StoredVersion v) {
        Map<String, Object> s = new LinkedHashMap<>();
        String served = registry.servedClusterVersion(v.name());
        Failure f = failures.get(v.name());
        if (v.deleted()) {
            s.put("status", served == null ? "deleted" : "failed");
        } else if (Long.toString(v.generation()).equals(served)) {
            s.put("status", "active");
        } else if (f != null) {
            s.put("status", "failed");
            s.put("reason", f.reason());
        } else if (registry.holdsClusterVersion(v.name(), Long.toString(v.generation()))) {
            s.put("status", "overridden");
            s.put("reason", "a file [" + v.name() + ".nbdb] in this node's config folder serves instead");
        } else {
            s.put("status", "failed");
            s.put("reason", "not served (the node holds a newer version?)");
        }
        return s;
    }

    // ---------------------------------------------------------------- the other nodes' side

    /** Answers a request of another node ({@link Peers#call}): its catalog, a chunk of a version, or a version to fetch. */
    public Map<String, Object> answerPeer(Map<String, Object> request) throws IOException {
        String op = String.valueOf(request.get("op"));
        switch (op) {
            case "catalog":
                return catalog();
            case "chunk": {
                String name = DatabaseStore.checkName((String) request.get("name"));
                long generation = ((Number) request.get("generation")).longValue();
                StoredVersion v = store.versions(name).stream().filter(x -> x.generation() == generation && !x.deleted()).findFirst()
                        .orElseThrow(() -> new NotFoundException("node " + peers.local().name() + " no longer keeps generation " + generation + " of [" + name + "]"));
                int length = Math.min(CHUNK_SIZE, ((Number) request.get("length")).intValue());
                return Map.of("data", store.read(v, ((Number) request.get("offset")).longValue(), length));
            }
            case "fetch": {
                StoredVersion v = StoredVersion.fromMap((Map<?, ?>) request.get("version"));
                Peers.Node source = nodeById((String) request.get("source"));
                obtain(v, List.of(source));
                return statusOf(v);
            }
            default:
                throw new IllegalArgumentException("unknown netblock cluster request [" + op + "]");
        }
    }

    private Peers.Node nodeById(String id) {
        for (Peers.Node n : peers.others()) {
            if (n.id().equals(id)) {
                return n;
            }
        }
        return new Peers.Node(id, id);
    }

    /** This node's versions (the newest of each name and the generations kept), what it serves, its failures and uploads. */
    public Map<String, Object> catalog() throws IOException {
        Map<String, Object> databases = new TreeMap<>();
        for (String name : store.names()) {
            List<StoredVersion> versions = store.versions(name);
            if (versions.isEmpty()) {
                continue;
            }
            StoredVersion latest = store.latest(name);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("latest", latest.toMap());
            List<Object> kept = new ArrayList<>();
            for (StoredVersion v : versions) {
                if (!v.deleted()) {
                    kept.add(v.toMap());
                }
            }
            d.put("kept", kept);
            String served = registry.servedClusterVersion(name);
            if (served != null) {
                d.put("serving_generation", Long.parseLong(served));
            }
            databases.put(name, d);
        }
        for (Failure f : failures.values()) {
            Map<String, Object> d = (Map<String, Object>) databases.computeIfAbsent(f.name(), n -> new LinkedHashMap<String, Object>());
            d.put("failure", f.toMap());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node_id", peers.local().id());
        out.put("node_name", peers.local().name());
        out.put("databases", databases);
        out.put("uploads", store.uploads());
        return out;
    }

    /** This node's part of {@code GET _netblock/stats}: what it keeps, serves and refused. */
    public Map<String, Object> localStatus() {
        try {
            Map<String, Object> c = catalog();
            c.remove("node_id");
            c.remove("node_name");
            c.put("store", store.root().toString());
            return c;
        } catch (IOException | RuntimeException e) {
            return Map.of("store", store.root().toString(), "error", String.valueOf(e.getMessage()));
        }
    }

    /**
     * Fetches {@code v} unless this node has it or something newer, checks it and serves it: from a file this node
     * keeps already (a rollback to it), else from each of {@code sources} in turn until one sends the right bytes (a
     * node whose kept file changed on disk sends wrong ones; the next holder is asked). A source that failed for this
     * version is not asked again for {@link #RETRY_AFTER} (a periodic sync would loop). A version no source could
     * give is recorded and not served; the one before keeps serving.
     */
    void obtain(StoredVersion v, List<Peers.Node> sources) throws IOException {
        synchronized (lockOf(v.name())) {
            StoredVersion mine = store.latest(v.name());
            if (mine != null && !v.newerThan(mine)) {
                if (mine.equals(v) && !v.deleted() && registry.servedClusterVersion(v.name()) == null
                        && !registry.holdsClusterVersion(v.name(), Long.toString(v.generation()))) {
                    activate(v); // stored but not served (a failed activation): try again
                }
                return;
            }
            if (v.deleted()) {
                store.addTombstone(v);
                registry.removeFromCluster(v.name());
                failures.remove(v.name());
                store.prune(v.name(), KEEP);
                LOGGER.info("netblock database [{}] deleted from the cluster ({})", v.name(), v);
                return;
            }
            List<String> reasons = new ArrayList<>();
            Path part = store.incoming(v);
            StoredVersion sameFile = store.versions(v.name()).stream().filter(x -> !x.deleted() && x.sha256().equals(v.sha256())).findFirst().orElse(null);
            if (sameFile != null) {
                Files.copy(store.file(sameFile), part, StandardCopyOption.REPLACE_EXISTING); // a rollback to a file this node keeps
                try {
                    install(part, v, "this node's kept file of " + sameFile);
                    return;
                } catch (IOException | RuntimeException e) {
                    if (e instanceof ChecksumMismatch) {
                        store.discard(sameFile); // changed on disk: not that version any more
                    }
                    reasons.add(e.getMessage());
                }
            }
            boolean asked = false;
            Instant now = clock.instant();
            recentFetchFailures.values().removeIf(t -> t.plus(RETRY_AFTER).isBefore(now)); // bounded: only the last few minutes' failures
            for (Peers.Node source : sources) {
                String attempt = v + "@" + source.id();
                Instant failedAt = recentFetchFailures.get(attempt);
                if (failedAt != null && failedAt.plus(RETRY_AFTER).isAfter(clock.instant())) {
                    continue; // failed a moment ago: not again from the same node until later
                }
                asked = true;
                try {
                    fetch(v, source, part);
                    install(part, v, "node " + source.name());
                    recentFetchFailures.keySet().removeIf(k -> k.startsWith(v + "@"));
                    return;
                } catch (IOException | RuntimeException e) {
                    recentFetchFailures.put(attempt, clock.instant());
                    reasons.add(e.getMessage());
                }
            }
            if (!asked && reasons.isEmpty()) {
                return; // every holder failed a moment ago; the failure recorded then stays
            }
            String reason = String.join("; ", reasons);
            fail(v.name(), v.toString(), reason);
            throw new IOException(reason);
        }
    }

    /** Checks a fetched or copied file as version {@code v} (size, SHA-256, every byte), keeps it and serves it; deletes it when it fails. */
    private void install(Path part, StoredVersion v, String from) throws IOException {
        try {
            String actual = StoredVersion.sha256Of(part);
            long size = Files.size(part);
            if (size != v.size() || !actual.equals(v.sha256())) {
                throw new ChecksumMismatch(String.format(Locale.ROOT, "checksum mismatch: the version has %,d bytes and sha256 %s, %s gave %,d bytes with sha256 %s",
                        v.size(), v.sha256(), from, size, actual));
            }
            check(part, v.name(), v.generation(), actual, size);
            store.add(part, v);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        activate(v);
        store.prune(v.name(), KEEP);
    }

    private void fetch(StoredVersion v, Peers.Node source, Path part) throws IOException {
        try (OutputStream out = Files.newOutputStream(part)) {
            long offset = 0;
            while (offset < v.size()) {
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("op", "chunk");
                request.put("name", v.name());
                request.put("generation", v.generation());
                request.put("offset", offset);
                request.put("length", CHUNK_SIZE);
                byte[] data = (byte[]) peers.call(source, request, CHUNK_TIMEOUT).get("data");
                if (data == null || data.length == 0) {
                    throw new IOException("node " + source.name() + " sent no bytes of " + v + " at offset " + offset);
                }
                out.write(data);
                offset += data.length;
            }
        }
    }

    /** Opens and checks every byte of a database file (the reader's CRC32C over the whole file) and describes it as version {@code generation}. */
    private StoredVersion check(Path file, String name, long generation, String sha256, long size) throws IOException {
        try (NetblockDatabase db = NetblockDatabase.open(file, OpenOptions.DEFAULT)) {
            return new StoredVersion(name, generation, sha256, size, clock.instant(), false, db.blockCount(),
                    db.metadata().buildTime(), db.metadata().dataDate());
        } catch (InvalidDatabaseException e) {
            throw new IOException("not a usable netblock database: " + e.reason(), e);
        }
    }


    // ---------------------------------------------------------------- catching up

    /**
     * Asks every other node what it holds and fetches every version newer than this node's (or applies a newer
     * delete). Run at start, when this node joins a cluster, and now and then: a node that missed an announcement
     * catches up. Failures are recorded per name; the sync goes on with the next name.
     */
    public void syncFromPeers() {
        Map<String, StoredVersion> newest = new TreeMap<>();
        Map<String, List<Peers.Node>> holders = new TreeMap<>();
        for (Map.Entry<Peers.Node, Map<String, Object>> e : catalogs(false).entrySet()) {
            Map<?, ?> dbs = (Map<?, ?>) e.getValue().get("databases");
            for (Object name : dbs.keySet()) {
                StoredVersion theirs = latestIn(e.getValue(), (String) name);
                if (theirs != null && theirs.newerThan(newest.get(name))) {
                    newest.put((String) name, theirs);
                    holders.put((String) name, new ArrayList<>(List.of(e.getKey())));
                } else if (theirs != null && theirs.generation() == newest.get(name).generation() && theirs.sha256().equals(newest.get(name).sha256())) {
                    holders.get(name).add(e.getKey()); // another node holds the same version: asked if the first fails
                }
            }
        }
        store.removeAbandoned(ABANDONED, clock.instant());
        newest.forEach((name, v) -> {
            try {
                obtain(v, holders.get(name));
            } catch (IOException | RuntimeException e) {
                // recorded by obtain; the next sync tries again
            }
        });
    }

    private static StoredVersion latestIn(Map<String, Object> catalog, String name) {
        Map<?, ?> dbs = (Map<?, ?>) catalog.get("databases");
        Map<?, ?> d = dbs == null ? null : (Map<?, ?>) dbs.get(name);
        Object latest = d == null ? null : d.get("latest");
        return latest == null ? null : StoredVersion.fromMap((Map<?, ?>) latest);
    }

    /** Every other node's catalog (with {@code includeLocal}, this node's first), asked in parallel; nodes that do not answer are left out. */
    private Map<Peers.Node, Map<String, Object>> catalogs(boolean includeLocal) {
        return catalogsWithFailures(includeLocal, new LinkedHashMap<>());
    }

    private Map<Peers.Node, Map<String, Object>> catalogsWithFailures(boolean includeLocal, Map<Peers.Node, String> failed) {
        Map<Peers.Node, CompletableFuture<Map<String, Object>>> futures = new LinkedHashMap<>();
        for (Peers.Node node : peers.others()) {
            futures.put(node, CompletableFuture.supplyAsync(() -> {
                try {
                    return peers.call(node, Map.of("op", "catalog"), CATALOG_TIMEOUT);
                } catch (IOException e) {
                    throw new RuntimeException(e.getMessage(), e);
                }
            }, executor));
        }
        Map<Peers.Node, Map<String, Object>> out = new LinkedHashMap<>();
        if (includeLocal) {
            try {
                out.put(peers.local(), catalog());
            } catch (IOException e) {
                failed.put(peers.local(), e.getMessage());
            }
        }
        futures.forEach((node, f) -> {
            try {
                out.put(node, f.join());
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                failed.put(node, String.valueOf(cause.getMessage()));
            }
        });
        return out;
    }

    // ---------------------------------------------------------------- GET _netblock/database

    /**
     * The cluster's databases as every node reports them: for each name its current version, the versions kept
     * (and on which nodes), on which nodes the current version is active and why it is not on the others; uploads
     * in progress; nodes that did not answer.
     *
     * @param only a name, or null for all
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> describe(String only) {
        Map<Peers.Node, String> failed = new LinkedHashMap<>();
        Map<Peers.Node, Map<String, Object>> catalogs = catalogsWithFailures(true, failed);
        Map<String, StoredVersion> current = new TreeMap<>();
        Map<String, Map<Long, Map<String, Object>>> kept = new TreeMap<>();
        for (Map<String, Object> c : catalogs.values()) {
            ((Map<String, Object>) c.get("databases")).forEach((name, d) -> {
                if (only != null && !only.equals(name)) {
                    return;
                }
                StoredVersion latest = latestIn(c, name);
                if (latest != null && latest.newerThan(current.get(name))) {
                    current.put(name, latest);
                }
                Map<Long, Map<String, Object>> byGeneration = kept.computeIfAbsent(name, n -> new TreeMap<>((a, b) -> Long.compare(b, a)));
                for (Object o : (List<Object>) ((Map<String, Object>) d).getOrDefault("kept", List.of())) {
                    StoredVersion v = StoredVersion.fromMap((Map<?, ?>) o);
                    Map<String, Object> entry = byGeneration.computeIfAbsent(v.generation(), g -> new LinkedHashMap<>(v.toMap()));
                    ((List<Object>) entry.computeIfAbsent("nodes", k -> new ArrayList<>())).add(c.get("node_name"));
                }
            });
        }
        Map<String, Object> databases = new TreeMap<>();
        current.forEach((name, v) -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("current", v.toMap());
            List<Object> activeOn = new ArrayList<>();
            Map<String, Object> notActive = new TreeMap<>();
            for (Map<String, Object> c : catalogs.values()) {
                Map<String, Object> mine = (Map<String, Object>) ((Map<String, Object>) c.get("databases")).get(name);
                Object serving = mine == null ? null : mine.get("serving_generation");
                String node = (String) c.get("node_name");
                if (!v.deleted() && serving != null && ((Number) serving).longValue() == v.generation()) {
                    activeOn.add(node);
                } else if (!v.deleted()) {
                    Map<String, Object> why = new LinkedHashMap<>();
                    why.put("serving_generation", serving);
                    Object failure = mine == null ? null : mine.get("failure");
                    if (failure != null) {
                        why.put("failure", failure);
                    }
                    notActive.put(node, why);
                }
            }
            if (!v.deleted()) {
                d.put("active_on", activeOn);
                if (!notActive.isEmpty()) {
                    d.put("not_active_on", notActive);
                }
            }
            d.put("versions", new ArrayList<>(kept.getOrDefault(name, Map.of()).values()));
            databases.put(name, d);
        });
        List<Object> uploads = new ArrayList<>();
        for (Map<String, Object> c : catalogs.values()) {
            for (Object u : (List<Object>) c.getOrDefault("uploads", List.of())) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("node", c.get("node_name"));
                one.put("node_id", c.get("node_id")); // what node= takes to finish it through any node
                one.putAll((Map<String, Object>) u);
                if (only == null || only.equals(one.get("name"))) {
                    uploads.add(one);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total", catalogs.size() + failed.size());
        counts.put("successful", catalogs.size());
        counts.put("failed", failed.size());
        out.put("_nodes", counts);
        out.put("databases", databases);
        if (!uploads.isEmpty()) {
            out.put("uploads_in_progress", uploads);
        }
        if (!failed.isEmpty()) {
            List<Object> f = new ArrayList<>();
            failed.forEach((node, reason) -> f.add(Map.of("node", node.name(), "reason", String.valueOf(reason))));
            out.put("failures", f);
        }
        if (only != null && !databases.containsKey(only)) {
            throw new NotFoundException("the cluster has no database [" + only + "]");
        }
        return out;
    }
}
