package io.github.netblock.loader.download;

import io.github.netblock.loader.progress.Progress;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;

/**
 * Downloads feed files into the cache, over HTTP(S) (java.net.http: conditional requests with the
 * stored ETag / Last-Modified) or FTP (commons-net: passive, binary, SIZE/MDTM to skip unchanged
 * files, REST to resume a partial file). Transient failures are retried with exponential backoff.
 * A download goes to {@code NAME.part}; only a complete file (a gzip that decompresses to its end,
 * a matching {@code .md5} where one is published) is renamed over the cached file, so a failed
 * download never replaces a good one.
 */
public final class Downloader {
    /** Retries, backoff, timeouts and credentials of downloads. */
    public record Options(int retries, Duration backoff, Duration connectTimeout, Duration readTimeout, String username, String password) {
        public static final Options DEFAULT = new Options(3, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(10), null, null);

        public Options withRetries(int n) {
            return new Options(n, backoff, connectTimeout, readTimeout, username, password);
        }

        public Options withCredentials(String user, String pass) {
            return new Options(retries, backoff, connectTimeout, readTimeout, user, pass);
        }
    }

    /** What a fetch did. */
    public record Result(Path file, boolean changed, long bytes, int attempts) {}

    private static final boolean CHANGED = true;
    private static final boolean UNCHANGED = false;
    /** No cached copy to compare with: a small resource fetched whole every time (an .md5 file). */
    private static final CachedFile NOT_CACHED = null;

    private final Options options;
    private final HttpClient http;
    private final Progress progress;

    public Downloader(Options options) {
        this(options, Progress.NONE);
    }

    public Downloader(Options options, Progress progress) {
        this.options = options;
        this.progress = progress;
        this.http = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Downloads {@code url} to {@code target} unless unchanged; {@code md5Url} (may be null) is checked when given. */
    public Result fetch(String url, Path target, String md5Url) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        CachedFile previous = CachedFile.read(target);
        Path part = target.resolveSibling(target.getFileName() + ".part");
        IOException last = null;
        for (int attempt = 1; attempt <= options.retries() + 1; attempt++) {
            try {
                Outcome o = download(URI.create(url), part, previous);
                if (o.notModified()) {
                    Files.deleteIfExists(part);
                    return new Result(target, UNCHANGED, Files.size(target), attempt);
                }
                verify(url, part, md5Url);
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                long size = Files.size(target);
                new CachedFile(url, o.etag(), o.lastModified(), size, Instant.now().toString()).write(target);
                return new Result(target, CHANGED, size, attempt);
            } catch (PermanentFailure e) {
                Files.deleteIfExists(part);
                throw new DownloadException(e.getMessage() + cacheNote(target));
            } catch (DownloadException e) {
                Files.deleteIfExists(part); // a complete file that fails its checks is not worth resuming
                throw new DownloadException(e.getMessage() + cacheNote(target), e.getCause());
            } catch (IOException e) {
                last = e;
                if (attempt <= options.retries()) {
                    sleep(options.backoff().multipliedBy(1L << (attempt - 1)));
                }
            }
        }
        int attempts = options.retries() + 1;
        throw new DownloadException("download of " + url + " failed" + (attempts == 1 ? "" : " after " + attempts + " attempts") + ": "
                + reason(last) + cacheNote(target), last);
    }

    /**
     * Why a download failed, in words: the JDK's HTTP client throws a {@code ConnectException} without a message
     * when the connection is refused (its cause a {@code ClosedChannelException}) and when the host does not
     * resolve (an {@code UnresolvedAddressException}), so printing the exception says only its class.
     */
    String reason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "unknown host (no DNS answer for its name)";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host" + (t.getMessage() == null ? "" : " " + t.getMessage()) + " (no DNS answer for its name)";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "no connection within " + seconds(options.connectTimeout()) + " (connect timeout)";
            }
            if (t instanceof HttpTimeoutException) {
                return "no complete answer within " + seconds(options.readTimeout()) + " (read timeout)";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof SSLException) {
                return "TLS failed: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
            }
        }
        // a ConnectException wraps the more telling causes above, so it is read after them
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                String m = t.getMessage();
                return m == null || m.isBlank() || m.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : m;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    /** What the failure leaves in the cache: the copy of an earlier download, or nothing. */
    private static String cacheNote(Path target) {
        return Files.isRegularFile(target) ? "; the cached copy is kept" : "; there is no cached copy";
    }

    private void verify(String url, Path part, String md5Url) throws IOException {
        if (url.endsWith(".gz")) {
            Integrity.checkGzip(part, url);
        }
        if (md5Url != null) {
            String expected = Integrity.parseMd5File(text(md5Url), md5Url);
            String actual = Integrity.md5(part);
            if (!expected.equals(actual)) {
                throw new DownloadException(url + " has MD5 " + actual + " but " + md5Url + " says " + expected);
            }
        }
    }

    /** A small text resource (an .md5 file). */
    private String text(String url) throws IOException {
        Path tmp = Files.createTempFile("netblock-md5-", ".txt");
        try {
            download(URI.create(url), tmp, NOT_CACHED);
            return Files.readString(tmp, StandardCharsets.US_ASCII);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** What the server said: not modified since the cached copy, or the new copy's validators. */
    private record Outcome(boolean notModified, String etag, String lastModified) {
        static final Outcome NOT_MODIFIED = new Outcome(true, null, null);

        static Outcome downloaded(String etag, String lastModified) {
            return new Outcome(false, etag, lastModified);
        }
    }

    /** @param previous the cached copy the server may answer "not modified" for, or {@link #NOT_CACHED} */
    private Outcome download(URI uri, Path part, CachedFile previous) throws IOException {
        return uri.toString().startsWith("ftp://") ? ftp(uri, part, previous) : http(uri, part, previous);
    }

    /** A failure retrying will not fix (404, 401, ...). */
    private static final class PermanentFailure extends IOException {
        PermanentFailure(String message) {
            super(message);
        }
    }

    private Outcome http(URI uri, Path part, CachedFile previous) throws IOException {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(options.readTimeout()).GET()
                .header("User-Agent", "netblock-loader/0.1.0");
        if (previous != null && uri.toString().equals(previous.url())) {
            if (previous.etag() != null) {
                req.header("If-None-Match", previous.etag());
            }
            if (previous.lastModified() != null) {
                req.header("If-Modified-Since", previous.lastModified());
            }
        }
        if (options.username() != null) {
            String token = Base64.getEncoder().encodeToString((options.username() + ":" + options.password()).getBytes(StandardCharsets.UTF_8));
            req.header("Authorization", "Basic " + token);
        }
        HttpResponse<InputStream> res;
        try {
            res = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        int status = res.statusCode();
        if (status == 304) {
            res.body().close();
            return Outcome.NOT_MODIFIED;
        }
        if (status != 200) {
            res.body().close();
            String msg = "HTTP " + status + " for " + uri;
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                throw new PermanentFailure(msg);
            }
            throw new IOException(msg);
        }
        long expected = res.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (InputStream in = res.body(); OutputStream out = new CountingOutputStream(Files.newOutputStream(part),
                progress.start(part.getFileName().toString().replace(".part", ""), expected, "bytes"))) {
            long n = in.transferTo(out);
            if (expected >= 0 && n != expected) {
                throw new IOException("connection ended after " + n + " of " + expected + " bytes of " + uri);
            }
        }
        return Outcome.downloaded(res.headers().firstValue("ETag").orElse(null), res.headers().firstValue("Last-Modified").orElse(null));
    }

    private Outcome ftp(URI uri, Path part, CachedFile previous) throws IOException {
        FTPClient ftp = new FTPClient();
        ftp.setConnectTimeout((int) options.connectTimeout().toMillis());
        ftp.setDefaultTimeout((int) options.readTimeout().toMillis());
        ftp.setDataTimeout(options.readTimeout());
        ftp.setControlEncoding("UTF-8");
        try {
            ftp.connect(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 21);
            if (!FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
                throw new IOException("FTP server " + uri.getHost() + " refused the connection: " + ftp.getReplyString().strip());
            }
            String user = options.username() != null ? options.username() : "anonymous";
            String pass = options.password() != null ? options.password() : "netblock-loader@";
            if (!ftp.login(user, pass)) {
                throw new PermanentFailure("FTP login as " + user + " to " + uri.getHost() + " failed: " + ftp.getReplyString().strip());
            }
            ftp.enterLocalPassiveMode();
            ftp.setFileType(FTP.BINARY_FILE_TYPE);
            String path = uri.getPath();
            String sizeReply = ftp.getSize(path);
            long size = sizeReply == null ? -1 : Long.parseLong(sizeReply.strip());
            Instant mdtm = ftp.mdtmInstant(path);
            if (size < 0 && !FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
                throw new PermanentFailure("FTP " + uri + ": " + ftp.getReplyString().strip());
            }
            String modified = mdtm == null ? null : mdtm.toString();
            if (previous != null && uri.toString().equals(previous.url()) && previous.size() == size && modified != null
                    && modified.equals(previous.lastModified())) {
                return Outcome.NOT_MODIFIED;
            }
            long offset = Files.exists(part) ? Files.size(part) : 0;
            if (offset > size) {
                offset = 0;
                Files.delete(part);
            }
            if (offset > 0) {
                ftp.setRestartOffset(offset); // resume the partial file
            }
            Progress.Task task = progress.start(part.getFileName().toString().replace(".part", ""), size, "bytes");
            task.advance(offset);
            try (OutputStream out = new CountingOutputStream(Files.newOutputStream(part, StandardOpenOption.CREATE,
                    offset > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), task)) {
                if (!ftp.retrieveFile(path, out)) {
                    throw new IOException("FTP RETR " + uri + " failed: " + ftp.getReplyString().strip());
                }
            }
            if (size >= 0 && Files.size(part) != size) {
                throw new IOException("FTP " + uri + ": got " + Files.size(part) + " of " + size + " bytes");
            }
            return Outcome.downloaded(null, modified);
        } finally {
            if (ftp.isConnected()) {
                try {
                    ftp.logout();
                } catch (IOException e) {
                    // closing anyway
                }
                ftp.disconnect();
            }
        }
    }

    /** Reports the bytes written through it; closing it ends the progress task. */
    private static final class CountingOutputStream extends FilterOutputStream {
        private final Progress.Task task;

        CountingOutputStream(OutputStream out, Progress.Task task) {
            super(out);
            this.task = task;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            task.advance(len);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            task.advance(1);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                task.close();
            }
        }
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
