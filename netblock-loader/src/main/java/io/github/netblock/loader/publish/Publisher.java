package io.github.netblock.loader.publish;

import io.github.netblock.index.file.AtomicFile;
import io.github.netblock.index.format.DatabaseMetadata;
import io.github.netblock.index.format.InvalidDatabaseException;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.index.read.OpenOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Installs a database into a folder a node watches ({@code $ES_HOME/config/ingest-netblock/}):
 * validates it completely, refuses it when it has far fewer blocks than the one it replaces, copies
 * it beside the target under a hidden name, renames it into place (a node never sees half a file),
 * and keeps the replaced versions in {@code .history/} for rollback.
 */
public final class Publisher {
    public static final String HISTORY = ".history";
    /** A {@code maxDrop} that never refuses: {@code --force}, and a rollback. */
    public static final double ANY_DROP = 1.0;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final Path folder;
    private final String name;
    private final int keep;

    /**
     * Checks the arguments before anything is changed.
     *
     * @param folder the folder the nodes watch; it must exist (creating it is the caller's decision:
     *               a mistyped path must not become a new folder no node reads)
     * @param name   the database name: the file is {@code NAME.nbdb}; letters, digits, - and _
     * @param keep   how many replaced versions to keep in .history, at least 1 so a publish can be rolled back
     */
    public Publisher(Path folder, String name, int keep) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("database name [" + name + "] may hold letters, digits, - and _ only");
        }
        if (keep < 1) {
            throw new IllegalArgumentException("keep " + keep + " is less than 1");
        }
        this.folder = folder;
        this.name = name;
        this.keep = keep;
    }

    /** Whether {@code name} can name a database: it becomes a file name in the watched folder, never a path. */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /** The published file and what it replaced ({@code previousBlocks} -1 when nothing readable was). */
    public record Published(Path file, Path previous, long blocks, long previousBlocks) {}

    /** A publish refused by a safety check; nothing was changed. */
    public static final class RefusedException extends IOException {
        public RefusedException(String message) {
            super(message);
        }
    }

    /**
     * @param maxDrop largest tolerated share of blocks lost against the published database, from 0
     *                (refuse any drop) to {@link #ANY_DROP}; 0.2 refuses a database with more than 20% fewer blocks
     */
    /** The formats of IP-to-ASN and IP-to-country feeds, whose ranges were blocks before format 1.2. */
    private static final Set<String> RANGE_FORMATS = Set.of("asn-csv", "country-csv", "range-csv");

    /**
     * The blocks of a published database that a database of this version would still have: before
     * format 1.2 the pieces of IP-to-ASN and IP-to-country ranges were blocks (now they are the routing
     * and location views), so the first publish after an upgrade would otherwise look like a loss of
     * most blocks and be refused every day.
     */
    static long comparableBlocks(NetblockDatabase db) {
        long blocks = db.blockCount();
        DatabaseMetadata m = db.metadata();
        if (m.formatMajor() == 1 && m.formatMinor() < 2) {
            for (SourceInfo source : m.sources()) {
                if (RANGE_FORMATS.contains(source.format())) {
                    blocks -= source.blockCount();
                }
            }
        }
        return Math.max(blocks, 0);
    }

    public Published publish(Path database, double maxDrop) throws IOException {
        if (!(maxDrop >= 0 && maxDrop <= 1)) { // NaN included
            throw new IllegalArgumentException("maxDrop " + maxDrop + " is not a share between 0 and 1");
        }
        long blocks;
        try (NetblockDatabase db = NetblockDatabase.open(database, OpenOptions.DEFAULT)) {
            blocks = db.blockCount();
        }
        Path target = folder.resolve(name + ".nbdb");
        long previousBlocks = -1;
        if (Files.exists(target)) {
            try (NetblockDatabase current = NetblockDatabase.open(target, OpenOptions.NO_CHECKSUM)) {
                previousBlocks = comparableBlocks(current);
            } catch (IOException | InvalidDatabaseException e) {
                previousBlocks = -1; // a broken published file is no reason to keep it
            }
            if (previousBlocks > 0 && blocks < previousBlocks * (1 - maxDrop)) {
                throw new RefusedException(String.format(Locale.ROOT,
                        "%s has %,d blocks, %.0f%% fewer than the %,d of the published %s (limit %.0f%%); nothing was published, use --force to publish anyway",
                        database, blocks, 100.0 * (previousBlocks - blocks) / previousBlocks, previousBlocks, target, 100 * maxDrop));
            }
        }
        Path previous = null;
        if (Files.exists(target)) {
            Path history = Files.createDirectories(folder.resolve(HISTORY));
            previous = history.resolve(name + "." + STAMP.format(Files.getLastModifiedTime(target).toInstant()) + ".nbdb.previous");
            Files.copy(target, previous, StandardCopyOption.REPLACE_EXISTING);
            prune(history);
        }
        AtomicFile.copy(database, target);
        return new Published(target, previous, blocks, previousBlocks);
    }

    /**
     * Puts the newest kept version back in place (the replaced one goes to .history in turn, so a
     * rollback can itself be undone).
     */
    public Published rollback() throws IOException {
        Path history = folder.resolve(HISTORY);
        List<Path> versions = Files.isDirectory(history) ? versions(history) : List.of();
        if (versions.isEmpty()) {
            throw new RefusedException("no previous version of " + name + " in " + history + "; nothing was changed");
        }
        Path newest = versions.get(0);
        Path staged = Files.createTempFile(folder, "." + name + ".rollback.", ".tmp");
        try {
            Files.move(newest, staged, StandardCopyOption.REPLACE_EXISTING);
            return publish(staged, ANY_DROP);
        } catch (IOException | RuntimeException e) {
            if (Files.exists(staged) && !Files.exists(newest)) {
                Files.move(staged, newest); // leave history as it was
            }
            throw e;
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private List<Path> versions(Path history) throws IOException {
        try (Stream<Path> s = Files.list(history)) {
            return s.filter(p -> p.getFileName().toString().startsWith(name + ".") && p.getFileName().toString().endsWith(".nbdb.previous"))
                    .sorted(Comparator.comparing(Path::getFileName).reversed()).toList();
        }
    }

    private void prune(Path history) throws IOException {
        List<Path> versions = versions(history);
        for (int i = keep; i < versions.size(); i++) {
            Files.deleteIfExists(versions.get(i));
        }
    }
}
