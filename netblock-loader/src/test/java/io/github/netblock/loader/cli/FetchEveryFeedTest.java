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
            assertThat(r.err()).contains("2 of 4 downloads failed (the other 2 were fetched)")
                    .contains("feed [gone]").contains("missing-first")
                    .contains("feed [also-gone]").contains("missing-second")
                    .contains("there is no cached copy").doesNotContain("cached copy is kept");
        }
    }

    @Test
    void whenEveryDownloadFailsTheSummarySaysSoAndEachNamesItsUrlAndReason() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        String base = "http://127.0.0.1:" + port + "/";
        Path config = dir.resolve("loader.yml");
        Files.writeString(config, String.join("\n",
                "cache: cache",
                "feeds:",
                "  - name: one",
                "    format: delegated",
                "    urls: [" + base + "a]",
                "  - name: two",
                "    format: delegated",
                "    urls: [" + base + "b, " + base + "c]",
                ""));

        CliRun r = CliRun.of("fetch", "-c", config.toString(), "--retries", "0");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("all 3 downloads failed: ").doesNotContain("the other").doesNotContain("were fetched")
                .contains("feed [one] download of " + base + "a failed: connection refused; there is no cached copy")
                .contains("feed [two] download of " + base + "b failed: connection refused")
                .contains("feed [two] download of " + base + "c failed: connection refused")
                .doesNotContain("java.net.ConnectException");
    }

    @Test
    void theSummaryCountsWhatWasFetched() {
        assertThat(io.github.netblock.loader.fetch.FeedFetcher.failedSummary(1, 1)).isEqualTo("the download failed");
        assertThat(io.github.netblock.loader.fetch.FeedFetcher.failedSummary(3, 3)).isEqualTo("all 3 downloads failed");
        assertThat(io.github.netblock.loader.fetch.FeedFetcher.failedSummary(1, 2)).isEqualTo("1 of 2 downloads failed (the other one was fetched)");
        assertThat(io.github.netblock.loader.fetch.FeedFetcher.failedSummary(2, 5)).isEqualTo("2 of 5 downloads failed (the other 3 were fetched)");
    }
}
