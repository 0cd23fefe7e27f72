package io.github.netblock.loader.cli;

import io.github.netblock.loader.config.LoaderConfig;
import io.github.netblock.loader.progress.Progress;
import io.github.netblock.loader.download.Downloader;
import io.github.netblock.loader.fetch.FeedFetcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = "Downloads the configured feeds' URLs (HTTP(S) with ETag/Last-Modified, FTP with SIZE/MDTM and resume) "
                + "into the cache folder. A failed or incomplete download leaves the cached file untouched.")
final class FetchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the loader configuration (YAML)")
    Path config;

    @Option(names = "--retries", defaultValue = "3", paramLabel = "N", description = "retries of a failed download, 0 or more (default: ${DEFAULT-VALUE})")
    int retries;

    @Option(names = {"-q", "--quiet"}, description = "print nothing but errors")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        if (retries < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--retries " + retries + ": must be 0 or more");
        }
        LoaderConfig c = ConfigFiles.read(config);
        Downloader.Options o = Downloader.Options.DEFAULT.withRetries(retries);
        PrintWriter log = quiet ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getOut();
        FeedFetcher.fetchAll(c, config.toAbsolutePath().getParent(), o, System.getenv(), log, Progress.choose(quiet, log));
        return 0;
    }
}
