package io.github.netblock.loader.download;

import io.github.netblock.ingest.core.text.Printable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/** Checks a downloaded file before it may replace the cached one. */
public final class Integrity {
    private static final Pattern MD5 = Pattern.compile("(?i)\\b([0-9a-f]{32})\\b");

    private Integrity() {}

    /** A gzip file must decompress to its end: a cut download fails here, not in the parser. */
    public static void checkGzip(Path file, String what) throws DownloadException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // read to the end: the trailer's CRC and length are checked there
            }
        } catch (IOException e) {
            throw new DownloadException(what + " is not a complete gzip file (" + e.getMessage() + ")", e);
        }
    }

    public static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The checksum in a published {@code .md5} file: {@code MD5 (name) = hash}, {@code hash  name}
     * or a bare hash.
     */
    public static String parseMd5File(String text, String what) throws DownloadException {
        Matcher m = MD5.matcher(text);
        if (!m.find()) {
            throw new DownloadException(what + " holds no MD5 checksum: [" + Printable.value(text.strip()) + "]");
        }
        return m.group(1).toLowerCase(Locale.ROOT);
    }
}
