package io.github.netblock.loader.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
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
    Path root;
    FtpServer server;
    int port;
    byte[] content;
    final List<String> commands = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException, FtpException {
        root = Files.createDirectories(dir.resolve("ftp-root/pub/stats"));
        content = HttpDownloadTest.gzip("ripencc|FR|ipv4|2.0.0.0|1048576|20100712|allocated|x\n".repeat(3000));
        Files.write(root.resolve("delegated-ripencc-extended-latest.gz"), content);
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        factory.addListener("default", listener.createListener());
        BaseUser user = new BaseUser();
        user.setName("feeds");
        user.setPassword("s3cret");
        user.setHomeDirectory(dir.resolve("ftp-root").toString());
        user.setAuthorities(List.of(new WritePermission()));
        factory.getUserManager().save(user);
        factory.setFtplets(new java.util.HashMap<>(java.util.Map.of("recorder", new DefaultFtplet() {
            @Override
            public FtpletResult beforeCommand(FtpSession session, FtpRequest request) {
                commands.add(request.getCommand() + (request.hasArgument() ? " " + request.getArgument() : ""));
                return FtpletResult.DEFAULT;
            }
        })));
        server = factory.createServer();
        server.start();
        port = ((org.apache.ftpserver.impl.DefaultFtpServer) server).getListener("default").getPort();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private String url() {
        return "ftp://127.0.0.1:" + port + "/pub/stats/delegated-ripencc-extended-latest.gz";
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
