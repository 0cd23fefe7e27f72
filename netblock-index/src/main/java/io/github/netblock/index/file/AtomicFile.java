package io.github.netblock.index.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces a file so that a reader sees the old version or the new one, never a mix: the content
 * goes to a temp file beside the target (same file system, so the rename is atomic), is forced to
 * disk, made readable by all (the node that maps a database may run as another user), renamed over
 * the target, and the folder is synced so the rename survives a crash. The temp name starts with a
 * dot: the plugin's folder watcher ignores such names.
 */
public final class AtomicFile {
    private AtomicFile() {}

    /** Writes the content of a file through an open channel and returns what the caller needs of it. */
    @FunctionalInterface
    public interface Content<T> {
        T writeTo(FileChannel channel) throws IOException;
    }

    /** Writes {@code target} atomically; the folder must exist. */
    public static <T> T write(Path target, Content<T> content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            T result;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                result = content.writeTo(ch);
                ch.force(true);
            }
            makeReadableByAll(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
            return result;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Copies {@code source} over {@code target} atomically; the folder must exist. */
    public static void copy(Path source, Path target) throws IOException {
        write(target, out -> {
            try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
                long size = in.size();
                for (long pos = 0; pos < size; ) {
                    long n = in.transferTo(pos, size - pos, out);
                    if (n <= 0) {
                        throw new IOException(source + ": shrank while it was being copied");
                    }
                    pos += n;
                }
            }
            return null;
        });
    }

    /** Temp files are created owner-only. */
    private static void makeReadableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions apply
        }
    }

    /** Makes the rename durable; not every platform can open a directory, which is then skipped. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the data itself was forced before the rename
        }
    }
}
