package io.github.netblock.loader.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.ftpserver.ftplet.FtpException;
import io.github.netblock.loader.testing.FixtureServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a real FTP server (Apache FtpServer) on 127.0.0.1. */
class FtpDownloadTest {
    private static final Downloader.Options FAST = new Downloader.Options(1, Duration.ofMillis(10), Duration.ofSeconds(5),
            Duration.ofSeconds(10), "feeds", "s3cret");

    @TempDir
    Path dir;
    FixtureServers server;
    byte[] content;
    List<String> commands;

    @BeforeEach
    void start() throws IOException, FtpException {
        Path root = Files.createDirectories(dir.resolve("ftp-root/pub/stats"));
        content = HttpDownloadTest.gzip("ripencc|FR|ipv4|2.0.0.0|1048576|20100712|allocated|x\n".repeat(3000));
        Files.write(root.resolve("delegated-ripencc-extended-latest.gz"), content);
        server = new FixtureServers(dir.resolve("ftp-root"), Files.createDirectories(dir.resolve("http-root")), "feeds", "s3cret");
        commands = server.ftpCommands();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url() {
        return server.ftpUrl("pub/stats/delegated-ripencc-extended-latest.gz");
    }

    @Test
    void downloadsInPassiveBinaryModeAndSkipsAnUnchangedFile() throws IOException {
        Downloader d = new Downloader(FAST);
        Path target = dir.resolve("cache/delegated-ripencc-extended-latest.gz");
        assertThat(d.fetch(url(), target, null).changed()).isTrue();
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(commands).contains("USER feeds", "TYPE I", "PASV").anyMatch(c -> c.startsWith("RETR "));
        commands.clear();
        assertThat(d.fetch(url(), target, null).changed()).isFalse();
        assertThat(commands).anyMatch(c -> c.startsWith("SIZE ")).anyMatch(c -> c.startsWith("MDTM ")).noneMatch(c -> c.startsWith("RETR "));
    }

    @Test
    void resumesAPartialFile() throws IOException {
        Path target = dir.resolve("cache/delegated-ripencc-extended-latest.gz");
        Files.createDirectories(target.getParent());
        Files.write(target.resolveSibling(target.getFileName() + ".part"), Arrays.copyOf(content, content.length / 2));
        assertThat(new Downloader(FAST).fetch(url(), target, null).changed()).isTrue();
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(commands).contains("REST " + content.length / 2);
    }

    @Test
    void aWrongPasswordFailsWithoutTouchingTheCache() throws IOException {
        Path target = dir.resolve("cache/x.gz");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "cached");
        Downloader d = new Downloader(FAST.withCredentials("feeds", "wrong"));
        assertThatThrownBy(() -> d.fetch(url(), target, null)).isInstanceOf(DownloadException.class).hasMessageContaining("login as feeds");
        assertThat(Files.readString(target)).isEqualTo("cached");
    }
}
