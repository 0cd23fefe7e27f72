package io.github.netblock.loader.download;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What the cache knows of a downloaded file, kept beside it as {@code NAME.meta.json}: where it came
 * from, the validators for the next conditional request, and when it was fetched.
 *
 * @param url          the source
 * @param etag         the HTTP ETag, or null
 * @param lastModified the HTTP Last-Modified text or the FTP MDTM time (ISO-8601), or null
 * @param size         bytes
 * @param fetchedAt    ISO-8601 time of the download
 */
public record CachedFile(String url, String etag, String lastModified, long size, String fetchedAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Path metaOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".meta.json");
    }

    /** The metadata of a cached file, or null when there is none (or it is unreadable). */
    public static CachedFile read(Path file) {
        Path meta = metaOf(file);
        if (!Files.exists(file) || !Files.exists(meta)) {
            return null;
        }
        try {
            return JSON.readValue(meta.toFile(), CachedFile.class);
        } catch (IOException e) {
            return null;
        }
    }

    public void write(Path file) throws IOException {
        Path meta = metaOf(file);
        Path tmp = meta.resolveSibling(meta.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, meta, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
