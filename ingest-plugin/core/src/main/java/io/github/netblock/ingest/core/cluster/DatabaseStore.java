package io.github.netblock.ingest.core.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The cluster databases one node keeps on its own disk ({@code <path.data>/ingest-netblock/}), so that a
 * restarted node serves the version it had before it hears from the others:
 * <pre>
 *   NAME/0000000007.nbdb        the file of generation 7
 *   NAME/0000000007.properties  its version (written last: a version exists once this file does)
 *   .uploads/NAME.ID.part       an upload in progress, invisible until it is published
 *   .incoming/NAME.GEN.part     a version being fetched from another node
 * </pre>
 */
public final class DatabaseStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final String UPLOADS = ".uploads";
    static final String INCOMING = ".incoming";

    private static final Logger LOGGER = LogManager.getLogger(DatabaseStore.class);

    private final Path root;

    public DatabaseStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Whether a name may be a database name (the processor's {@code database} option): letters, digits, - and _. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static String checkName(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("database name [" + name + "] may hold letters, digits, - and _ only (1 to 100)");
        }
        return name;
    }

    static String checkUploadId(String id) {
        if (id == null || !UPLOAD_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("upload id [" + id + "] may hold letters, digits, - and _ only (1 to 64)");
        }
        return id;
    }

    /** The names this node holds a version of, deleted ones included. */
    public synchronized List<String> names() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                String n = d.getFileName().toString();
                if (Files.isDirectory(d) && isValidName(n)) {
                    names.add(n);
                }
            }
        }
        return List.copyOf(names);
    }

    /** The versions of a name this node holds, oldest first. */
    public synchronized List<StoredVersion> versions(String name) throws IOException {
        Path dir = root.resolve(checkName(name));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<StoredVersion> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.properties")) {
            for (Path f : files) {
                if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // a folder, a FIFO (opening it would block), a link someone put here: no version
                }
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(f)) {
                    p.load(in);
                    StoredVersion v = StoredVersion.fromProperties(p);
                    if (f.equals(propertiesFile(v)) && (v.deleted() || Files.isRegularFile(file(v), LinkOption.NOFOLLOW_LINKS))) {
                        out.add(v);
                    }
                } catch (IOException | RuntimeException e) {
                    // a damaged or unreadable version file is no version; the next publish or fetch writes a good one
                }
            }
        }
        out.sort(Comparator.comparingLong(StoredVersion::generation).thenComparing(StoredVersion::publishedAt));
        return out;
    }

    /** The newest version of a name (possibly a tombstone), or null. */
    public StoredVersion latest(String name) throws IOException {
        StoredVersion newest = null;
        for (StoredVersion v : versions(name)) {
            if (v.newerThan(newest)) {
                newest = v;
            }
        }
        return newest;
    }

    /** The newest version of every name this node holds. */
    public Map<String, StoredVersion> latest() throws IOException {
        Map<String, StoredVersion> out = new LinkedHashMap<>();
        for (String n : names()) {
            StoredVersion v = latest(n);
            if (v != null) {
                out.put(n, v);
            }
        }
        return out;
    }

    /** The file of a (non-deleted) version. */
    public Path file(StoredVersion v) {
        return root.resolve(v.name()).resolve(String.format(Locale.ROOT, "%010d.nbdb", v.generation()));
    }

    private Path propertiesFile(StoredVersion v) {
        return root.resolve(v.name()).resolve(String.format(Locale.ROOT, "%010d.properties", v.generation()));
    }

    /** Moves a complete, verified file into the store as version {@code v}, then writes the version, so that it exists whole or not at all. */
    public synchronized void add(Path complete, StoredVersion v) throws IOException {
        Files.createDirectories(root.resolve(checkName(v.name())));
        Files.move(complete, file(v), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        writeProperties(v);
    }

    /** Forgets a version whose file is not what it says (changed on disk): it exists no more on this node. */
    public synchronized void discard(StoredVersion v) throws IOException {
        Files.deleteIfExists(propertiesFile(v)); // first: without it the file is no version
        Files.deleteIfExists(file(v));
    }

    /** Records that the name is deleted as of {@code v} (a tombstone). */
    public synchronized void addTombstone(StoredVersion v) throws IOException {
        if (!v.deleted()) {
            throw new IllegalArgumentException(v + " is not a tombstone");
        }
        Files.createDirectories(root.resolve(checkName(v.name())));
        writeProperties(v);
    }

    private void writeProperties(StoredVersion v) throws IOException {
        Path target = propertiesFile(v);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            v.toProperties().store(out, "netblock cluster database version");
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Keeps the newest {@code keep} versions with a file (for rollback) and the newest tombstone when it is
     * the latest version; deletes the rest.
     */
    public synchronized void prune(String name, int keep) throws IOException {
        List<StoredVersion> all = new ArrayList<>(versions(name));
        StoredVersion latest = null;
        for (StoredVersion v : all) {
            if (v.newerThan(latest)) {
                latest = v;
            }
        }
        all.sort((a, b) -> a.newerThan(b) ? -1 : b.newerThan(a) ? 1 : 0);
        int kept = 0;
        for (StoredVersion v : all) {
            boolean keepIt = v.deleted() ? v.equals(latest) : kept++ < keep;
            if (!keepIt) {
                Files.deleteIfExists(propertiesFile(v)); // first: without it the file is no version
                if (!v.deleted()) {
                    Files.deleteIfExists(file(v));
                }
            }
        }
    }

    /** Reads {@code length} bytes (fewer at the end) of a version's file from {@code offset}. */
    public byte[] read(StoredVersion v, long offset, int length) throws IOException {
        try (FileChannel ch = FileChannel.open(file(v), StandardOpenOption.READ)) {
            long size = ch.size();
            if (offset < 0 || offset > size) {
                throw new IllegalArgumentException("offset " + offset + " is outside " + v + " (" + size + " bytes)");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(length, size - offset));
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) {
                    break;
                }
            }
            return buf.array();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file(v).toString(), null, "this node no longer keeps " + v);
        }
    }

    // ---- uploads

    /** The file an upload is written to. */
    public Path upload(String name, String uploadId) {
        return root.resolve(UPLOADS).resolve(checkName(name) + "." + checkUploadId(uploadId) + ".part");
    }

    /**
     * Appends a chunk to an upload. Chunks come in order: {@code offset} must be the bytes received so far
     * (a chunk sent again after a lost answer, wholly inside what was received, is accepted as it is).
     *
     * @return the bytes received so far
     */
    public synchronized long append(String name, String uploadId, long offset, byte[] data) throws IOException {
        Path part = upload(name, uploadId);
        Files.createDirectories(part.getParent());
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (offset == have) {
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            return have + data.length;
        }
        if (offset >= 0 && offset + data.length <= have) {
            return have; // a retry of a chunk already written
        }
        if (have == 0 && offset > 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "this node has no upload [%s] of database [%s]: its first chunks went to another node; send the chunk at offset %d there, "
                            + "with node=<the node_id the first chunk's answer gave> through any node", uploadId, name, offset));
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "upload [%s] of database [%s] has %,d bytes: the next chunk must start at offset %d, not %d", uploadId, name, have, have, offset));
    }

    /** A fresh file in the incoming folder for a version being fetched. */
    public Path incoming(StoredVersion v) throws IOException {
        Path dir = root.resolve(INCOMING);
        Files.createDirectories(dir);
        Path part = dir.resolve(v.name() + "." + v.generation() + ".part");
        Files.deleteIfExists(part);
        return part;
    }

    /** The uploads in progress: name, id, bytes received, last write. */
    public List<Map<String, Object>> uploads() throws IOException {
        Path dir = root.resolve(UPLOADS);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                String[] parts = n.split("\\.");
                if (parts.length != 3 || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Map<String, Object> u = new LinkedHashMap<>();
                u.put("name", parts[0]);
                u.put("upload_id", parts[1]);
                try {
                    u.put("received_in_bytes", Files.size(f));
                    u.put("last_write", Files.getLastModifiedTime(f).toInstant().toString());
                } catch (NoSuchFileException e) {
                    continue;
                }
                out.add(u);
            }
        }
        return out;
    }

    /** Deletes uploads and fetches nobody wrote to for {@code age}: an interrupted upload never becomes a version. */
    public void removeAbandoned(Duration age, Instant now) {
        for (String folder : List.of(UPLOADS, INCOMING)) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> entries;
            try (Stream<Path> files = Files.list(dir)) {
                entries = files.toList();
            } catch (IOException e) {
                LOGGER.warn("cannot list [{}] to remove abandoned uploads: {}", dir, e.toString());
                continue;
            }
            for (Path f : entries) {
                try {
                    if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(f).toInstant().plus(age).isBefore(now)) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException e) {
                    LOGGER.warn("cannot remove the abandoned upload [{}]: {}", f, e.toString());
                }
            }
            // anything else an operator put here (folders, FIFOs, links) is left alone: this node never writes such things
        }
    }
}
