package io.github.netblock.ingest.core.database;

import io.github.netblock.index.format.DatabaseMetadata;
import io.github.netblock.index.read.NetblockDatabase;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The databases of this node, by name. The bundled database is {@value #DEFAULT}; every
 * {@code NAME.nbdb} in the config folder ({@code $ES_HOME/config/ingest-netblock/}) is database
 * NAME (a {@code default.nbdb} there replaces the bundled one until it is deleted).
 *
 * <p>A new or changed file is copied privately, validated completely (magic, version, structure,
 * CRC32C of every byte) and only then replaces the current database of its name (see
 * {@link PrivateCopies}: the node never maps a file someone else can change). A file that fails is
 * rejected, logged and counted with its reason, and the previous database keeps serving. Only
 * regular files are read, so a FIFO or a directory in the folder cannot block loading. Lookups hold
 * leases, so a swap never closes a mapping that a lookup in flight still reads.
 *
 * <p>Databases published into the cluster ({@link #loadFromCluster}) sit between the two: for one name,
 * a file in the config folder wins over the cluster's version (an operator's local override, as with
 * ingest-geoip's config databases), and the cluster's version wins over the bundled database.
 */
public final class DatabaseRegistry implements Closeable {
    public static final String DEFAULT = "default";
    public static final String EXTENSION = ".nbdb";
    private static final Logger LOGGER = LogManager.getLogger(DatabaseRegistry.class);
    private static final int RECENT_REJECTIONS = 10;

    private final Path directory;
    private final PrivateCopies copies;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, ManagedDatabase> current = new ConcurrentHashMap<>();
    private final Map<String, DatabaseCounters> counters = new ConcurrentHashMap<>();
    /** The last rejection of each name's file since its database was loaded: the file on disk is not what is served. */
    private final Map<String, Rejection> pending = new ConcurrentHashMap<>();
    private final Map<Path, FileState> looked = new ConcurrentHashMap<>();
    private final LongAdder reloads = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final Deque<Rejection> rejections = new ArrayDeque<>();
    private volatile ManagedDatabase bundled;
    /** The cluster's version of each name, held whether or not it is served (a folder file of the name wins). */
    private final Map<String, ManagedDatabase> fromCluster = new ConcurrentHashMap<>();
    private final Map<String, String> clusterVersions = new ConcurrentHashMap<>();

    /** A file that was refused, and why. */
    public record Rejection(Path file, String reason, Instant time) {}

    /**
     * What the stats API reports of one database.
     *
     * @param file      the file it was loaded from (null for the bundled database)
     * @param rejection the last rejection of that file since it was loaded (the file on disk is not what
     *                  is served), or null
     */
    public record DatabaseInfo(String name, Path file, boolean bundled, boolean stale, DatabaseMetadata metadata,
                               long lookups, long hits, long misses, Rejection rejection, Origin origin, String clusterVersion) {}

    /** Where the database a name serves comes from. */
    public enum Origin {
        /** the plugin's own database ({@value #DEFAULT} only) */
        BUNDLED,
        /** a file in the config folder */
        FOLDER,
        /** a version published into the cluster */
        CLUSTER;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public DatabaseRegistry(Path directory, Path tmpDir, Clock clock, Duration maxAge) {
        this.directory = directory;
        this.copies = new PrivateCopies(tmpDir);
        this.clock = clock;
        this.maxAge = maxAge;
        copies.removeOrphans();
    }

    public Path directory() {
        return directory;
    }

    /**
     * Installs the bundled database from a class-path resource. A jar entry cannot be mapped, so it
     * is copied to the node's temp folder first (the only place a plugin may write by default).
     */
    public synchronized void loadBundled(InputStream resource) throws IOException {
        PrivateCopies.Opened opened = copies.openResource(resource);
        bundled = new ManagedDatabase(DEFAULT, opened.database(), null, opened.leftover(), true, countersOf(DEFAULT), clock, maxAge);
        if (!current.containsKey(DEFAULT)) {
            install(DEFAULT, retain(bundled));
        }
        LOGGER.info("loaded bundled netblock database: {} blocks, data of {}", bundled.database().blockCount(),
                bundled.database().metadata().dataDate());
    }

    private static ManagedDatabase retain(ManagedDatabase m) {
        DatabaseLease lease = m.tryAcquire();
        if (lease == null) {
            throw new IllegalStateException("database " + m.name() + " is already released");
        }
        return m; // the lease's reference now belongs to the map slot
    }

    /**
     * Loads every {@code *.nbdb} in the config folder; a missing folder is not an error. Entries
     * that are not regular files (directories, FIFOs) are rejected with their reason, never opened.
     */
    public void loadDirectory() {
        if (!Files.isDirectory(directory)) {
            if (Files.exists(directory)) {
                LOGGER.error("[{}] is not a folder: no netblock database is loaded from it", directory);
            }
            return;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + EXTENSION)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            LOGGER.error("cannot list netblock databases in [{}]", directory, e);
            return;
        }
        files.sort(Comparator.naturalOrder());
        files.forEach(this::load);
    }

    /** Whether a path is named like a database file this registry manages. */
    public static boolean isDatabaseFile(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(EXTENSION) && !n.startsWith(".") && n.length() > EXTENSION.length();
    }

    public static String nameOf(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - EXTENSION.length());
    }

    private boolean manages(Path file) {
        // subfolders (such as publish's .history) hold no databases of their own
        return isDatabaseFile(file) && directory.equals(file.getParent());
    }

    /**
     * Copies and fully validates the file, then makes it the current database of its name.
     * Serialised: loads are rare, and two loads of one name must install in the order they were asked.
     *
     * @return whether the file was accepted
     */
    public synchronized boolean load(Path file) {
        if (!manages(file)) {
            return false;
        }
        String name = nameOf(file);
        looked.put(file, FileState.of(file));
        PrivateCopies.Opened opened;
        try {
            opened = copies.open(file, name);
        } catch (NoSuchFileException e) {
            if (file.toString().equals(e.getFile())) {
                return false; // replaced or deleted while we looked; the watcher reports the next state
            }
            reject(name, file, "no such file: " + e.getFile() + (file.equals(Path.of(e.getFile())) ? "" : " (a link to nowhere, or the temp folder is gone)"));
            return false;
        } catch (IOException | RuntimeException | InternalError e) {
            // an InternalError is how the JVM reports an I/O fault while reading a mapping: the file is refused, the node stays
            reject(name, file, e.getMessage() == null ? e.toString() : e.getMessage());
            return false;
        }
        NetblockDatabase db = opened.database();
        install(name, new ManagedDatabase(name, db, file, opened.leftover(), false, countersOf(name), clock, maxAge));
        pending.remove(name);
        reloads.increment();
        LOGGER.info("loaded netblock database [{}] from [{}]: {} blocks, built {}, data of {}", name, file,
                db.blockCount(), db.metadata().buildTime(), db.metadata().dataDate());
        return true;
    }

    /**
     * The watcher's first look at a file (it starts after {@link #loadDirectory}): loads it again only
     * if it changed since start-up looked at it, so a file that was still being written then is not
     * left unloaded until its next change.
     */
    public synchronized void loadIfChanged(Path file) {
        if (!manages(file)) {
            return;
        }
        FileState seen = looked.get(file);
        if (seen == null || !seen.equals(FileState.of(file))) {
            load(file);
        }
    }

    /** Size and modification time of a file when it was last loaded or refused. */
    private record FileState(long size, long modified) {
        static FileState of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new FileState(a.size(), a.lastModifiedTime().toMillis());
            } catch (IOException e) {
                return new FileState(-1, -1);
            }
        }
    }

    /** A folder appeared under a database's name: it is reported, since an operator who made it expected a database. */
    public synchronized void directoryCreated(Path dir) {
        if (manages(dir)) {
            reject(nameOf(dir), dir, "is a directory, not a database file");
        }
    }

    /** The file of a database was deleted: drop it; for {@value #DEFAULT}, the bundled one serves again. */
    public synchronized void remove(Path file) {
        if (!manages(file)) {
            return;
        }
        String name = nameOf(file);
        pending.remove(name);
        looked.remove(file);
        ManagedDatabase m = current.get(name);
        if (m == null || m.bundled() || !file.equals(m.source())) {
            return;
        }
        ManagedDatabase clusterVersion = fromCluster.get(name);
        if (clusterVersion != null) {
            install(name, retain(clusterVersion));
        } else if (DEFAULT.equals(name) && bundled != null) {
            install(name, retain(bundled));
        } else if (current.remove(name, m)) {
            m.release();
        }
        LOGGER.info("netblock database [{}] removed: [{}] was deleted{}", name, file,
                clusterVersion != null ? "; the cluster's version serves again" : "");
    }

    /**
     * Makes a version published into the cluster the database of its name, unless a file of that name in the
     * config folder overrides it (then it is held and serves once that file is deleted). The file is copied,
     * validated and opened like a folder file.
     *
     * @param version how the stats name this version
     * @throws IOException naming the reason when the file is not a usable database: nothing changes then
     */
    public synchronized void loadFromCluster(String name, Path file, String version) throws IOException {
        PrivateCopies.Opened opened;
        try {
            opened = copies.open(file, name);
        } catch (IOException | RuntimeException | InternalError e) {
            String reason = e instanceof java.nio.file.FileSystemException f && f.getReason() == null
                    ? e.getClass().getSimpleName() + ": " + f.getFile() // the JDK's message is only the path
                    : e.getMessage() == null ? e.toString() : e.getMessage();
            throw new IOException("cluster version " + version + " of [" + name + "] is not a usable database: " + reason, e);
        }
        ManagedDatabase next = new ManagedDatabase(name, opened.database(), file, opened.leftover(), false, countersOf(name), clock, maxAge);
        ManagedDatabase previous = fromCluster.put(name, next);
        clusterVersions.put(name, version);
        ManagedDatabase served = current.get(name);
        if (served == null || served.bundled() || served == previous) {
            install(name, retain(next));
        }
        if (previous != null) {
            previous.release();
        }
        reloads.increment();
        LOGGER.info("loaded netblock database [{}] from the cluster, version {}: {} blocks, built {}, data of {}{}", name, version,
                next.database().blockCount(), next.database().metadata().buildTime(), next.database().metadata().dataDate(),
                current.get(name) == next ? "" : "; a file of that name in the config folder serves instead");
    }

    /** The cluster deleted a name: its version stops serving ({@value #DEFAULT} falls back to the bundled database). */
    public synchronized void removeFromCluster(String name) {
        ManagedDatabase m = fromCluster.remove(name);
        clusterVersions.remove(name);
        if (m == null) {
            return;
        }
        if (current.get(name) == m) {
            if (DEFAULT.equals(name) && bundled != null) {
                install(name, retain(bundled));
            } else if (current.remove(name, m)) {
                m.release();
            }
        }
        m.release();
        LOGGER.info("netblock database [{}] deleted from the cluster", name);
    }

    /** The cluster version this node serves for a name, or null when it serves none (nothing, a folder file or the bundled one). */
    public String servedClusterVersion(String name) {
        ManagedDatabase m = fromCluster.get(name);
        return m != null && current.get(name) == m ? clusterVersions.get(name) : null;
    }

    /** Whether this node holds (serving or not) that cluster version of a name. */
    public boolean holdsClusterVersion(String name, String version) {
        return fromCluster.containsKey(name) && version.equals(clusterVersions.get(name));
    }

    private void install(String name, ManagedDatabase next) {
        ManagedDatabase previous = current.put(name, next);
        if (previous != null) {
            previous.release();
        }
    }

    private void reject(String name, Path file, String reason) {
        rejected.increment();
        Rejection rejection = new Rejection(file, reason, clock.instant());
        ManagedDatabase served = current.get(name);
        if (served != null && file.equals(served.source())) {
            pending.put(name, rejection);
        }
        synchronized (rejections) {
            rejections.addFirst(rejection);
            while (rejections.size() > RECENT_REJECTIONS) {
                rejections.removeLast();
            }
        }
        LOGGER.error("rejected netblock database file [{}]: {}; {}", file, reason,
                served == null ? "no database [" + name + "] is loaded" : "the database loaded before keeps serving");
    }

    private DatabaseCounters countersOf(String name) {
        return counters.computeIfAbsent(name, n -> new DatabaseCounters());
    }

    /** A lease on the current database of that name, or null when there is none. */
    public DatabaseLease acquire(String name) {
        while (true) {
            ManagedDatabase m = current.get(name);
            if (m == null) {
                return null;
            }
            DatabaseLease lease = m.tryAcquire();
            if (lease != null) {
                return lease;
            }
            // swapped and released between get and acquire: the map already holds the successor
        }
    }

    public List<DatabaseInfo> databases() {
        List<DatabaseInfo> out = new ArrayList<>();
        for (String name : current.keySet().stream().sorted().toList()) {
            try (DatabaseLease lease = acquire(name)) {
                if (lease == null) {
                    continue;
                }
                DatabaseCounters c = lease.counters();
                ManagedDatabase m = lease.managed();
                boolean cluster = fromCluster.get(name) == m;
                out.add(new DatabaseInfo(name, m.source(), m.bundled(), lease.isStale(), lease.database().metadata(),
                        c.lookups(), c.hits(), c.misses(), m.bundled() || cluster ? null : pending.get(name),
                        m.bundled() ? Origin.BUNDLED : cluster ? Origin.CLUSTER : Origin.FOLDER, cluster ? clusterVersions.get(name) : null));
            }
        }
        return out;
    }

    public long reloads() {
        return reloads.sum();
    }

    public long rejectedFiles() {
        return rejected.sum();
    }

    public List<Rejection> recentRejections() {
        synchronized (rejections) {
            return List.copyOf(rejections);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        for (String name : List.copyOf(current.keySet())) {
            ManagedDatabase m = current.remove(name);
            if (m != null) {
                m.release();
            }
        }
        for (String name : List.copyOf(fromCluster.keySet())) {
            ManagedDatabase m = fromCluster.remove(name);
            if (m != null) {
                m.release();
            }
        }
        if (bundled != null) {
            bundled.release();
            bundled = null;
        }
    }
}
