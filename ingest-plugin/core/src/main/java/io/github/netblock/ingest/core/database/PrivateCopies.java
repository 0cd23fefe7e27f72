package io.github.netblock.ingest.core.database;

import io.github.netblock.index.format.DatabaseHeader;
import io.github.netblock.index.format.InvalidDatabaseException;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.index.read.OpenOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Opens databases from private copies in the node's temp folder, never from the operator's file.
 *
 * <p>A memory-mapped file that someone truncates ({@code cp} over it, {@code rsync --inplace}, a
 * config-management tool) makes the next read fault with SIGBUS, which the JVM turns into an error
 * that takes the node down; bytes changed in place turn the served data into garbage. So every file
 * is copied first, the copy is validated completely (CRC32C of every byte), mapped, and then unlinked:
 * the mapping keeps the data alive, no path leads to it, nobody can change it, and nothing is left in
 * the temp folder even if the node dies. Where a mapped file cannot be unlinked (Windows), the copy
 * is deleted when the database is released, and start-up removes copies that a dead process left.
 */
final class PrivateCopies {
    static final String PREFIX = "ingest-netblock-";
    private static final Logger LOGGER = LogManager.getLogger(PrivateCopies.class);

    private final Path tmpDir;
    private final long pid = currentPid();

    PrivateCopies(Path tmpDir) {
        this.tmpDir = tmpDir;
    }

    /** This process's id, which names its copies so that a later start can tell them from a live node's; -1 when unknown. */
    private static long currentPid() {
        try {
            return ProcessHandle.current().pid();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** A database opened from a private copy; {@code leftover} is the copy when it could not be unlinked yet, else null. */
    record Opened(NetblockDatabase database, Path leftover) {}

    /** Why a file in the folder was not loaded; the message names the reason, not the file (the caller adds it). */
    static final class RejectedFileException extends IOException {
        RejectedFileException(String reason) {
            super(reason);
        }
    }

    /**
     * Copies, validates and opens a database file of the folder.
     *
     * @throws NoSuchFileException when the file vanished meanwhile (deleted or renamed away)
     * @throws RejectedFileException naming the reason the file is not a usable database
     */
    Opened open(Path file, String name) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        if (attrs.isDirectory()) {
            throw new RejectedFileException("is a directory, not a database file");
        }
        if (!attrs.isRegularFile()) {
            // a FIFO would block the reader until someone writes to it; a device is no database
            throw new RejectedFileException("is not a regular file (" + kindOf(attrs) + "); only regular files are loaded");
        }
        checkBeforeCopy(file, attrs.size());
        Files.createDirectories(tmpDir); // a temp-folder cleaner may have removed it since start-up
        Path copy = Files.createTempFile(tmpDir, PREFIX + pid + "-" + safe(name) + "-", ".nbdb");
        boolean opened = false;
        try {
            copyStable(file, attrs, copy);
            NetblockDatabase db;
            try {
                db = NetblockDatabase.open(copy, OpenOptions.DEFAULT);
            } catch (InvalidDatabaseException e) {
                // the reader names the copy; the operator knows the file of the folder
                throw new RejectedFileException(e.reason());
            }
            opened = true;
            return new Opened(db, unlink(copy) ? null : copy);
        } finally {
            if (!opened) {
                deleteQuietly(copy); // whatever went wrong, an InternalError of the disk included
            }
        }
    }

    /**
     * What can be told from the file's own header before copying it: that it is a database of a
     * version this reader reads and as long as its header says, and that the temp folder has room
     * for it. A wrong or sparse multi-gigabyte file dropped in the folder is refused here, instead of
     * filling the temp folder (often a RAM disk) with its copy.
     */
    private void checkBeforeCopy(Path file, long size) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            DatabaseHeader.read(in, file, false);
        } catch (InvalidDatabaseException e) {
            throw new RejectedFileException(e.reason());
        } catch (AccessDeniedException e) {
            throw new RejectedFileException("cannot be read by the node's user" + permissionsOf(file));
        }
        long usable = usableSpace();
        if (usable >= 0 && usable < size + SPACE_MARGIN) {
            throw new RejectedFileException(String.format(Locale.ROOT, "the node's temp folder %s has %,d bytes free, too few "
                    + "for a private copy of %,d bytes (and a margin of %,d)", tmpDir, usable, size, SPACE_MARGIN));
        }
    }

    /**
     * Free bytes in the temp folder, or -1 where the platform does not let a plugin ask
     * (Elasticsearch 8.19 refuses file-store attributes without an entitlement this plugin does not
     * request): the check from the file's own header above still refuses a file that is no database.
     */
    private long usableSpace() {
        try {
            return Files.getFileStore(Files.isDirectory(tmpDir) ? tmpDir : tmpDir.getParent()).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Room left in the temp folder after a copy, for everything else the node writes there. */
    private static final long SPACE_MARGIN = 64L << 20;

    /** Opens the bundled database from the plugin jar (a jar entry cannot be mapped). */
    Opened openResource(InputStream resource) throws IOException {
        Path copy = Files.createTempFile(tmpDir, PREFIX + pid + "-bundled-", ".nbdb");
        try (resource) {
            Files.copy(resource, copy, StandardCopyOption.REPLACE_EXISTING);
            NetblockDatabase db = NetblockDatabase.open(copy, OpenOptions.DEFAULT);
            return new Opened(db, unlink(copy) ? null : copy);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(copy);
            throw e;
        }
    }

    /**
     * Copies the file and checks that it did not change while being copied: a file that is still
     * being written is refused now and loaded when the watcher sees its next change.
     */
    private static void copyStable(Path file, BasicFileAttributes before, Path copy) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(copy, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long size = in.size();
            long position = 0;
            while (position < size) {
                long n = in.transferTo(position, size - position, out);
                if (n <= 0) {
                    break; // truncated while we copied; the size check below reports it
                }
                position += n;
            }
            BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
            if (position != size || after.size() != size || !after.lastModifiedTime().equals(before.lastModifiedTime())) {
                throw new RejectedFileException("changed while it was being read (still being written?); "
                        + "it is loaded again at its next change");
            }
        } catch (AccessDeniedException e) {
            throw new RejectedFileException("cannot be read by the node's user" + permissionsOf(file));
        }
    }

    /** Removes copies left in the temp folder by processes that no longer run (only where unlinking a mapped file fails). */
    void removeOrphans() {
        long self = pid;
        if (self < 0) {
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(tmpDir, PREFIX + "*.nbdb")) {
            for (Path p : stream) {
                String rest = p.getFileName().toString().substring(PREFIX.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue; // not one of ours
                }
                if (pid != self && ProcessHandle.of(pid).isEmpty()) {
                    deleteQuietly(p);
                    LOGGER.info("removed [{}], a database copy left by process {} that no longer runs", p, pid);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("cannot look for database copies left in [{}]: {}", tmpDir, e.toString());
        }
    }

    private static boolean unlink(Path copy) {
        try {
            Files.delete(copy);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOGGER.warn("cannot delete the database copy [{}]: {}", p, e.toString());
        }
    }

    private static String kindOf(BasicFileAttributes attrs) {
        if (attrs.isSymbolicLink()) {
            return "a symbolic link";
        }
        return attrs.isOther() ? "a FIFO, socket or device" : "not a file";
    }

    private static String permissionsOf(Path file) {
        try {
            PosixFileAttributes p = Files.readAttributes(file, PosixFileAttributes.class);
            return String.format(Locale.ROOT, " (owner %s, group %s, permissions %s)", p.owner().getName(), p.group().getName(),
                    PosixFilePermissions.toString(p.permissions()));
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
