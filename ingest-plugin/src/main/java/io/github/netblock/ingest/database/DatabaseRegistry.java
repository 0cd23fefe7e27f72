package io.github.netblock.ingest.database;

import io.github.netblock.index.format.DatabaseMetadata;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.index.read.OpenOptions;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * <p>A new or changed file is opened and validated completely (magic, version, structure, CRC32C)
 * before it replaces the current database of its name; a file that fails is rejected, logged and
 * counted, and the previous database keeps serving. Lookups hold leases, so a swap never closes a
 * mapping that a lookup in flight still reads.
 */
public final class DatabaseRegistry implements Closeable {
    public static final String DEFAULT = "default";
    public static final String EXTENSION = ".nbdb";
    private static final Logger LOGGER = LogManager.getLogger(DatabaseRegistry.class);
    private static final int RECENT_REJECTIONS = 10;

    private final Path directory;
    private final Path tmpDir;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, ManagedDatabase> current = new ConcurrentHashMap<>();
    private final Map<String, DatabaseCounters> counters = new ConcurrentHashMap<>();
    private final LongAdder reloads = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final Deque<Rejection> rejections = new ArrayDeque<>();
    private volatile ManagedDatabase bundled;
    private Path bundledCopy;

    /** A file that was refused, and why. */
    public record Rejection(Path file, String reason, Instant time) {}

    /** What the stats API reports of one database. */
    public record DatabaseInfo(String name, Path file, boolean bundled, boolean stale, DatabaseMetadata metadata,
                               long lookups, long hits, long misses) {}

    public DatabaseRegistry(Path directory, Path tmpDir, Clock clock, Duration maxAge) {
        this.directory = directory;
        this.tmpDir = tmpDir;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Installs the bundled database from a class-path resource. A jar entry cannot be mapped, so it
     * is copied to the node's temp folder first (the only place a plugin may write by default).
     */
    public void loadBundled(InputStream resource) throws IOException {
        Path copy = Files.createTempFile(tmpDir, "ingest-netblock-default-", EXTENSION);
        try (resource) {
            Files.copy(resource, copy, StandardCopyOption.REPLACE_EXISTING);
            NetblockDatabase db = NetblockDatabase.open(copy, OpenOptions.DEFAULT);
            bundled = new ManagedDatabase(DEFAULT, db, copy, true, countersOf(DEFAULT), clock, maxAge);
            bundledCopy = copy;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
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

    /** Loads every {@code *.nbdb} in the config folder; a missing folder is not an error. */
    public void loadDirectory() {
        if (!Files.isDirectory(directory)) {
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

    /** Whether a path is a database file this registry manages. */
    public static boolean isDatabaseFile(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(EXTENSION) && !n.startsWith(".") && n.length() > EXTENSION.length();
    }

    public static String nameOf(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.length() - EXTENSION.length());
    }

    /**
     * Opens and fully validates the file, then makes it the current database of its name.
     *
     * @return whether the file was accepted
     */
    public boolean load(Path file) {
        if (!isDatabaseFile(file) || !directory.equals(file.getParent())) {
            return false; // subfolders (such as publish's .history) are not databases
        }
        String name = nameOf(file);
        NetblockDatabase db;
        try {
            db = NetblockDatabase.open(file, OpenOptions.DEFAULT);
        } catch (NoSuchFileException e) {
            return false; // replaced or deleted while we looked; the watcher reports the next state
        } catch (IOException | RuntimeException e) {
            reject(file, e.getMessage() == null ? e.toString() : e.getMessage());
            return false;
        }
        install(name, new ManagedDatabase(name, db, file, false, countersOf(name), clock, maxAge));
        reloads.increment();
        LOGGER.info("loaded netblock database [{}] from [{}]: {} blocks, built {}, data of {}", name, file,
                db.blockCount(), db.metadata().buildTime(), db.metadata().dataDate());
        return true;
    }

    /** The file of a database was deleted: drop it; for {@value #DEFAULT}, the bundled one serves again. */
    public void remove(Path file) {
        if (!isDatabaseFile(file) || !directory.equals(file.getParent())) {
            return;
        }
        String name = nameOf(file);
        ManagedDatabase m = current.get(name);
        if (m == null || m.bundled() || !m.source().equals(file)) {
            return;
        }
        if (DEFAULT.equals(name) && bundled != null) {
            install(name, retain(bundled));
        } else if (current.remove(name, m)) {
            m.release();
        }
        LOGGER.info("netblock database [{}] removed: [{}] was deleted", name, file);
    }

    private void install(String name, ManagedDatabase next) {
        ManagedDatabase previous = current.put(name, next);
        if (previous != null) {
            previous.release();
        }
    }

    private void reject(Path file, String reason) {
        rejected.increment();
        synchronized (rejections) {
            rejections.addFirst(new Rejection(file, reason, clock.instant()));
            while (rejections.size() > RECENT_REJECTIONS) {
                rejections.removeLast();
            }
        }
        LOGGER.error("rejected netblock database file [{}], the previous database keeps serving: {}", file, reason);
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
                out.add(new DatabaseInfo(name, lease.database().file(), current.get(name) == bundled,
                        lease.isStale(), lease.database().metadata(), c.lookups(), c.hits(), c.misses()));
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
    public void close() throws IOException {
        for (String name : List.copyOf(current.keySet())) {
            ManagedDatabase m = current.remove(name);
            if (m != null) {
                m.release();
            }
        }
        if (bundled != null) {
            bundled.release();
            bundled = null;
        }
        if (bundledCopy != null) {
            Files.deleteIfExists(bundledCopy);
        }
    }
}
