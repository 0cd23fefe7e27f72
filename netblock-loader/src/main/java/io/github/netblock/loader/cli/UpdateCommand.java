package io.github.netblock.loader.cli;

import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.index.read.OpenOptions;
import io.github.netblock.loader.build.DatabaseBuild;
import io.github.netblock.loader.config.LoaderConfig;
import io.github.netblock.loader.progress.Progress;
import io.github.netblock.loader.download.Downloader;
import io.github.netblock.loader.fetch.FeedFetcher;
import io.github.netblock.loader.publish.Publisher;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "update", mixinStandardHelpOptions = true,
        description = "fetch + build + publish. With --every it keeps running and updates on that schedule (for hosts "
                + "without cron); a failed round is reported and the published database stays. --dry-run builds and "
                + "reports what would change without publishing. A missing --to folder is refused unless --create-dirs is given.")
final class UpdateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the loader configuration (YAML)")
    Path config;

    @Mixin
    PublishOptions publish;

    @Option(names = "--dry-run", description = "build and report, publish nothing")
    boolean dryRun;

    @Option(names = "--every", paramLabel = "DURATION", description = "repeat forever, e.g. 24h, 6h, 30m")
    String every;

    @Option(names = "--retries", defaultValue = "3", paramLabel = "N", description = "retries of a failed download, 0 or more (default: ${DEFAULT-VALUE})")
    int retries;

    @Option(names = {"-q", "--quiet"}, description = "print nothing but errors (for cron)")
    boolean quiet;

    @Override
    public Integer call() throws IOException, InterruptedException {
        publish.validate();
        if (retries < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--retries " + retries + ": must be 0 or more");
        }
        Duration period = null;
        if (every != null) {
            try {
                period = parseDuration(every);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        // the named inputs before any download: a typo in -c or --to fails at once (exit 3), and --every
        // does not keep retrying what cannot work
        ConfigFiles.read(config);
        checkFolder();
        if (period == null) {
            return once();
        }
        while (true) {
            try {
                once();
            } catch (IOException | RuntimeException e) {
                spec.commandLine().getErr().println("netblock-loader update: " + Failures.message(e) + "; the published database stays");
                spec.commandLine().getErr().flush();
            }
            Thread.sleep(period.toMillis());
        }
    }

    /**
     * --to exists and is a writable folder; with --create-dirs a missing one is fine here and created
     * only when there is a database to publish (a dry run never creates it).
     */
    private void checkFolder() throws IOException {
        if (!(publish.createDirs && Files.notExists(publish.folder))) {
            NamedPaths.outputFolder("--to", publish.folder, false);
        }
    }

    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (!t.matches("\\d+[smhd]")) {
            throw new IllegalArgumentException("--every [" + text + "] must be a number followed by s, m, h or d, e.g. 24h");
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private int once() throws IOException {
        LoaderConfig c = ConfigFiles.read(config);
        checkFolder();
        Path base = config.toAbsolutePath().getParent();
        PrintWriter log = quiet ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getOut();
        FeedFetcher.fetchAll(c, base, Downloader.Options.DEFAULT.withRetries(retries), System.getenv(), log, Progress.choose(quiet, log));
        Path built = Files.createDirectories(c.cacheDir(base)).resolve(".build-" + publish.name + ".nbdb");
        try {
            DatabaseBuild.Result r = DatabaseBuild.run(c, base, built, log, Progress.choose(quiet, log));
            if (!quiet) {
                r.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
                spec.commandLine().getErr().flush();
            }
            long blocks = r.report().metadata().counts().blocks();
            Path published = publish.folder.resolve(publish.name + ".nbdb");
            if (dryRun) {
                long current = -1;
                if (Files.exists(published)) {
                    try (NetblockDatabase db = NetblockDatabase.open(published, OpenOptions.NO_CHECKSUM)) {
                        current = db.blockCount();
                    }
                }
                log.printf("dry run: the new database has %,d blocks; %s; nothing was published%n", blocks,
                        current < 0 ? published + " does not exist yet" : String.format("%s has %,d (%+.1f%%)", published, current,
                                100.0 * (blocks - current) / Math.max(current, 1)));
                log.flush();
                return 0;
            }
            Path folder = NamedPaths.outputFolder("--to", publish.folder, publish.createDirs);
            Publisher.Published p = Publisher.publish(built, folder, publish.name, publish.maxDrop, publish.force, publish.keep);
            log.printf("published %s: %,d blocks%s%n", p.file(), p.blocks(),
                    p.previousBlocks() < 0 ? "" : String.format(" (was %,d)", p.previousBlocks()));
            log.flush();
            return 0;
        } finally {
            Files.deleteIfExists(built);
        }
    }
}
