package io.github.netblock.loader.cli;

import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.index.read.OpenOptions;
import io.github.netblock.loader.config.LoaderConfig;
import io.github.netblock.loader.fetch.FeedFetcher;
import io.github.netblock.loader.pipeline.ConfiguredFeeds;
import io.github.netblock.loader.pipeline.DatabasePipeline;
import io.github.netblock.loader.publish.Publisher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "update", mixinStandardHelpOptions = true,
        description = "fetch + build + publish. With --every it keeps running and updates on that schedule (for hosts "
                + "without cron); a failed round is reported and the published database stays. --dry-run builds and "
                + "reports what would change without publishing. --es publishes into the cluster instead of --to. A missing --to folder is refused unless --create-dirs is given.")
final class UpdateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    PublishOptions publish;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--dry-run", description = "build and report, publish nothing")
    boolean dryRun;

    /** The shortest --every: a loop faster than this would only ask the registries for the same files. */
    static final Duration MIN_PERIOD = Duration.ofMinutes(10);

    @Option(names = "--every", paramLabel = "DURATION", description = "repeat forever, e.g. 24h, 6h, 30m (at least 10m)")
    String every;

    @Mixin
    RetriesOption retries;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Duration period = null;
        if (every != null) {
            period = Durations.parse(spec, "--every", every, false);
            if (period.compareTo(MIN_PERIOD) < 0) {
                // the registries regenerate their files once a day: a shorter loop only hammers their servers
                throw new ParameterException(spec.commandLine(), "--every [" + every + "]: at least " + MIN_PERIOD.toMinutes()
                        + " minutes, the registries regenerate their files once a day (e.g. 24h)");
            }
        }
        // the named inputs before any download: a typo in -c or --to fails at once (exit 3), and --every
        // does not keep retrying what cannot work
        config.read();
        publish.checkFolderBeforehand();
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

    private int once() throws IOException {
        LoaderConfig c = config.read();
        publish.checkFolderBeforehand();
        Path base = config.baseDir();
        PrintWriter log = quiet.log();
        FeedFetcher.fetchAll(c, base, retries.downloads(), System.getenv(), log, quiet.progress());
        Path built = Files.createDirectories(c.cacheDir(base)).resolve(".build-" + publish.name() + ".nbdb");
        try {
            DatabasePipeline.Result r = new DatabasePipeline(log, quiet.progress()).build(ConfiguredFeeds.plan(c, base, log::println), built);
            quiet.warn(r.warnings());
            long blocks = r.report().metadata().counts().blocks();
            if (dryRun) {
                log.printf("dry run: the new database has %,d blocks; %s; nothing was published%n", blocks, comparedToPublished(blocks));
                log.flush();
                return 0;
            }
            if (publish.cluster() != null) {
                log.flush();
                return ClusterPublishing.run(publish, connection, built, log, spec.commandLine().getErr());
            }
            Publisher.Published p = publish.publisher().publish(built, publish.maxDrop());
            log.printf("published %s: %,d blocks%s%n", p.file(), p.blocks(),
                    p.previousBlocks() < 0 ? "" : String.format(" (was %,d)", p.previousBlocks()));
            log.flush();
            return 0;
        } finally {
            Files.deleteIfExists(built);
        }
    }

    /** "DIR/NAME.nbdb has N (+x%)", or that it does not exist yet. */
    private String comparedToPublished(long blocks) throws IOException {
        if (publish.cluster() != null) {
            return ClusterPublishing.comparedToCurrent(publish, connection, blocks);
        }
        Path published = publish.target();
        if (!Files.exists(published)) {
            return published + " does not exist yet";
        }
        long current;
        try (NetblockDatabase db = NetblockDatabase.open(published, OpenOptions.NO_CHECKSUM)) {
            current = db.blockCount();
        }
        return String.format("%s has %,d (%+.1f%%)", published, current, 100.0 * (blocks - current) / Math.max(current, 1));
    }
}
