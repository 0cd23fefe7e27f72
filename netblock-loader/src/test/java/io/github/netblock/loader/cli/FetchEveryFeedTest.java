package io.github.netblock.loader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.loader.testing.FixtureServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fetch} tries every feed: a failed download is reported and the feeds after it are still fetched. */
class FetchEveryFeedTest {
    @TempDir
    Path dir;

    @Test
    void aFailedFeedDoesNotStopTheLaterOnesAndEachFailureIsReportedWithExitOne() throws Exception {
        Path http = Files.createDirectories(dir.resolve("http"));
        Files.writeString(http.resolve("registrars.csv"), "example.com,MarkMonitor Inc.,292\n");
        Files.writeString(http.resolve("asn.csv"), "1.0.0.0,1.0.0.255,13335,CLOUDFLARENET\n");
        try (FixtureServers servers = new FixtureServers(Files.createDirectories(dir.resolve("ftp")), http, "anonymous", "x@")) {
            Path config = dir.resolve("loader.yml");
            Files.writeString(config, String.join("\n",
                    "cache: cache",
                    "feeds:",
                    "  - name: gone",
                    "    format: delegated",
                    "    urls: [" + servers.httpUrl("missing-first") + "]",
                    "  - name: registrars",
                    "    format: registrar-csv",
                    "    urls: [" + servers.httpUrl("registrars.csv") + "]",
                    "  - name: also-gone",
                    "    format: delegated",
                    "    urls: [" + servers.httpUrl("missing-second") + "]",
                    "  - name: asn",
                    "    format: asn-csv",
                    "    urls: [" + servers.httpUrl("asn.csv") + "]",
                    ""));

            CliRun r = CliRun.of("fetch", "-c", config.toString(), "--retries", "0");

            assertThat(r.exit()).isEqualTo(1);
            assertThat(dir.resolve("cache/registrars/registrars.csv")).hasContent("example.com,MarkMonitor Inc.,292");
            assertThat(dir.resolve("cache/asn/asn.csv")).exists();
            assertThat(r.out()).contains("registrars", "downloaded", "asn.csv").contains("FAILED");
            assertThat(r.err()).contains("2 of 4 downloads failed (the others were fetched)")
                    .contains("feed [gone]").contains("missing-first")
                    .contains("feed [also-gone]").contains("missing-second")
                    .contains("there is no cached copy").doesNotContain("cached copy is kept");
        }
    }
}
