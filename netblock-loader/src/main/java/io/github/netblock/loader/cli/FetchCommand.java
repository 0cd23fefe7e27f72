package io.github.netblock.loader.cli;

import io.github.netblock.loader.fetch.FeedFetcher;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = "Downloads the configured feeds' URLs (HTTP(S) with ETag/Last-Modified, FTP with SIZE/MDTM and resume) "
                + "into the cache folder. A failed or incomplete download leaves the cached file untouched and does not stop "
                + "the others: every feed is fetched, each failure is reported, and the command then exits 1.")
final class FetchCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Mixin
    RetriesOption retries;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() throws IOException {
        FeedFetcher.fetchAll(config.read(), config.baseDir(), retries.downloads(), System.getenv(), quiet.log(), quiet.progress());
        return 0;
    }
}
