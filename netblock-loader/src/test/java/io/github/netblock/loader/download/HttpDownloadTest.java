package io.github.netblock.loader.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a real HTTP server on 127.0.0.1 (the JDK's). */
class HttpDownloadTest {
    private static final Downloader.Options FAST = new Downloader.Options(2, Duration.ofMillis(10), Duration.ofSeconds(5),
            Duration.ofSeconds(10), null, null);

    @TempDir
    Path dir;
    HttpServer server;
    byte[] body;
    volatile String mode = "ok";
    final List<String> requests = new CopyOnWriteArrayList<>();

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(b)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    @BeforeEach
    void start() throws IOException {
        body = gzip("inetnum: 192.0.2.0 - 192.0.2.255\nnetname: TEST\n".repeat(2000));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ripe.db.inetnum.gz", this::serve);
        server.createContext("/ripe.db.inetnum.gz.md5", ex -> {
            byte[] md5 = ("MD5 (ripe.db.inetnum.gz) = " + (mode.equals("bad-md5") ? "0".repeat(32) : md5(body)) + "\n").getBytes();
            ex.sendResponseHeaders(200, md5.length);
            ex.getResponseBody().write(md5);
            ex.close();
        });
        server.start();
    }

    private static String md5(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        requests.add(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("If-None-Match"));
        if (mode.equals("missing")) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match")) && mode.equals("ok")) {
            ex.sendResponseHeaders(304, -1);
            ex.close();
            return;
        }
        ex.getResponseHeaders().add("ETag", "\"v1\"");
        ex.getResponseHeaders().add("Last-Modified", "Wed, 25 Nov 2026 00:00:00 GMT");
        ex.sendResponseHeaders(200, body.length);
        if (mode.equals("cut")) {
            ex.getResponseBody().write(body, 0, body.length / 2); // the connection dies mid-file
            ex.getResponseBody().flush();
            ex.getHttpContext().getServer();
            ex.close();
            return;
        }
        ex.getResponseBody().write(body);
        ex.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void downloadsThenAsksConditionallyAndGets304() throws IOException {
        Downloader d = new Downloader(FAST);
        Path target = dir.resolve("ripe/ripe.db.inetnum.gz");
        Downloader.Result first = d.fetch(url("/ripe.db.inetnum.gz"), target, url("/ripe.db.inetnum.gz.md5"));
        assertThat(first.changed()).isTrue();
        assertThat(Files.readAllBytes(target)).isEqualTo(body);
        assertThat(CachedFile.read(target).etag()).isEqualTo("\"v1\"");
        Downloader.Result second = d.fetch(url("/ripe.db.inetnum.gz"), target, null);
        assertThat(second.changed()).isFalse();
        assertThat(requests).containsExactly("GET null", "GET \"v1\"");
        assertThat(dir.resolve("ripe/ripe.db.inetnum.gz.part")).doesNotExist();
    }

    @Test
    void aConnectionCutMidFileIsRetriedThenFailsAndKeepsTheCachedFile() throws IOException {
        Downloader d = new Downloader(FAST);
        Path target = dir.resolve("ripe.db.inetnum.gz");
        Files.write(target, "the good old copy".getBytes());
        mode = "cut";
        assertThatThrownBy(() -> d.fetch(url("/ripe.db.inetnum.gz"), target, null))
                .isInstanceOf(DownloadException.class).hasMessageContaining("after 3 attempts").hasMessageContaining("cached copy is kept");
        assertThat(requests).hasSize(3);
        assertThat(Files.readString(target)).isEqualTo("the good old copy");
    }

    @Test
    void aFailedFirstDownloadSaysThereIsNoCachedCopy() {
        Downloader d = new Downloader(FAST);
        Path target = dir.resolve("ripe.db.inetnum.gz");
        mode = "cut";
        assertThatThrownBy(() -> d.fetch(url("/ripe.db.inetnum.gz"), target, null))
                .isInstanceOf(DownloadException.class).hasMessageContaining("there is no cached copy")
                .hasMessageNotContaining("kept");
        assertThat(target).doesNotExist();
    }

    @Test
    void aChecksumMismatchKeepsTheCachedFile() throws IOException {
        Downloader d = new Downloader(FAST);
        Path target = dir.resolve("ripe.db.inetnum.gz");
        Files.write(target, "the good old copy".getBytes());
        mode = "bad-md5";
        assertThatThrownBy(() -> d.fetch(url("/ripe.db.inetnum.gz"), target, url("/ripe.db.inetnum.gz.md5")))
                .isInstanceOf(DownloadException.class).hasMessageContaining("has MD5").hasMessageContaining("00000000");
        assertThat(Files.readString(target)).isEqualTo("the good old copy");
        assertThat(requests).hasSize(1); // a checksum mismatch is not retried
    }

    @Test
    void aTruncatedGzipServedCompletelyIsRefused() throws IOException {
        body = Arrays.copyOf(body, body.length - 20); // the server sends a cut file with a matching length
        Path target = dir.resolve("ripe.db.inetnum.gz");
        assertThatThrownBy(() -> new Downloader(FAST).fetch(url("/ripe.db.inetnum.gz"), target, null))
                .isInstanceOf(DownloadException.class).hasMessageContaining("not a complete gzip file");
        assertThat(target).doesNotExist();
    }

    @Test
    void aMissingFileFailsAtOnceWithoutRetries() {
        mode = "missing";
        assertThatThrownBy(() -> new Downloader(FAST).fetch(url("/ripe.db.inetnum.gz"), dir.resolve("x.gz"), null))
                .isInstanceOf(DownloadException.class).hasMessageContaining("HTTP 404");
        assertThat(requests).hasSize(1);
    }

    @Test
    void aRefusedConnectionIsSaidInWordsWithTheUrl() throws IOException {
        // a port nobody listens on: bind one, note it, close it
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/ripe.db.inetnum.gz";
        Downloader d = new Downloader(FAST.withRetries(1));
        assertThatThrownBy(() -> d.fetch(url, dir.resolve("ripe.db.inetnum.gz"), null))
                .isInstanceOf(DownloadException.class)
                .hasMessage("download of " + url + " failed after 2 attempts: connection refused; there is no cached copy");
    }

    @Test
    void oneAttemptIsNotCalledAttempts() {
        mode = "cut";
        Downloader d = new Downloader(FAST.withRetries(0));
        assertThatThrownBy(() -> d.fetch(url("/ripe.db.inetnum.gz"), dir.resolve("ripe.db.inetnum.gz"), null))
                .isInstanceOf(DownloadException.class)
                .hasMessageStartingWith("download of " + url("/ripe.db.inetnum.gz") + " failed: ")
                .hasMessageNotContaining("attempts").hasMessageNotContaining("java.");
        assertThat(requests).hasSize(1);
    }

    @Test
    void theReasonNamesWhatTheJdksExceptionsLeaveOut() {
        Downloader d = new Downloader(FAST);
        // what java.net.http.HttpClient throws: a ConnectException without a message around the channel's exception
        java.net.ConnectException refused = new java.net.ConnectException();
        refused.initCause(new java.nio.channels.ClosedChannelException());
        assertThat(d.reason(refused)).isEqualTo("connection refused");
        java.net.ConnectException unresolved = new java.net.ConnectException();
        unresolved.initCause(new java.nio.channels.UnresolvedAddressException());
        assertThat(d.reason(unresolved)).isEqualTo("unknown host (no DNS answer for its name)");
        // what a plain socket (FTP) throws
        assertThat(d.reason(new java.net.ConnectException("Connection refused"))).isEqualTo("connection refused");
        assertThat(d.reason(new java.net.UnknownHostException("ftp.example.invalid")))
                .isEqualTo("unknown host ftp.example.invalid (no DNS answer for its name)");
        assertThat(d.reason(new java.net.http.HttpConnectTimeoutException("HTTP connect timed out")))
                .isEqualTo("no connection within 5 s (connect timeout)");
        assertThat(d.reason(new java.net.http.HttpTimeoutException("request timed out")))
                .isEqualTo("no complete answer within 10 s (read timeout)");
        assertThat(d.reason(new IOException("HTTP 503 for http://x/y"))).isEqualTo("HTTP 503 for http://x/y");
        assertThat(d.reason(new IOException())).isEqualTo("IOException");
    }
}
