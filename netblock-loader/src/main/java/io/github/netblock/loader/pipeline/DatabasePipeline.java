package io.github.netblock.loader.pipeline;

import io.github.netblock.index.builder.BuildReport;
import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.RegistrarEntry;
import io.github.netblock.index.model.ReverseDnsEntry;
import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.loader.feed.Feed;
import io.github.netblock.loader.feed.FeedRecords;
import io.github.netblock.loader.feed.ParseErrors;
import io.github.netblock.loader.progress.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds to database, in five stages:
 * <ol>
 * <li>parse feeds: every feed's directory (the AS names of RPSL {@code aut-num} objects) and every
 * range feed (IP-to-ASN, IP-to-country) whole, before any block;</li>
 * <li>layers: the AS-name join names the AS ranges, and each kind of range becomes a layer;</li>
 * <li>merge: the record feeds stream into the builder, each block with the AS and country it lacks
 * from a range that covers it whole and its own AS named by the join; reverse DNS entries and
 * registrars go in as they are;</li>
 * <li>overlay: the ranges themselves become the weakest blocks, so addresses outside every WHOIS
 * block still get an AS and a country;</li>
 * <li>write: the builder merges duplicates and overlaps by precedence (the order of the feeds) and
 * writes the file.</li>
 * </ol>
 * A feed beyond its error budget or without any record stops the build before anything is written.
 */
public final class DatabasePipeline {
    private final PrintWriter log;
    private final Progress progress;

    /**
     * @param log      where each feed's counts are printed
     * @param progress reports the blocks of each record feed as they stream by
     */
    public DatabasePipeline(PrintWriter log, Progress progress) {
        this.log = log;
        this.progress = progress;
    }

    /** What one feed contributed and what was wrong with it. */
    public record FeedReport(String name, long records, long errors, List<String> examples) {
        static FeedReport of(Feed feed, long records) {
            ParseErrors errors = feed.errors();
            return new FeedReport(feed.name(), records, errors.count(), errors.examples().stream().map(Throwable::getMessage).toList());
        }
    }

    /** The database written and the per-feed reports. */
    public record Result(BuildReport report, List<FeedReport> feeds) {
        /** The first bad records of each feed, "file:line: what", for the commands to print as warnings. */
        public List<String> warnings() {
            return feeds.stream().flatMap(f -> f.examples().stream()).toList();
        }
    }

    public Result build(BuildPlan plan, Path output) throws IOException {
        List<FeedReport> reports = new ArrayList<>();
        References references = parseReferences(plan, reports);            // 1. parse feeds
        AsNameJoin asNames = references.asNames();
        Layers layers = references.layersNamedBy(asNames);                 // 2. layers
        NetblockDatabaseBuilder builder = declare(plan);
        merge(plan, layers, asNames, builder, reports);                    // 3. merge
        layers.overlay(builder::add);                                      // 4. overlay
        return new Result(builder.build(output), reports);                 // 5. write
    }

    /** Every feed's directory and every range feed, strongest first. */
    private References parseReferences(BuildPlan plan, List<FeedReport> reports) throws IOException {
        References references = new References();
        for (BuildPlan.Input in : plan.feeds()) {
            Feed feed = in.feed();
            FeedRecords sink = references.of(feed.name());
            feed.readDirectory(sink);
            if (feed.gives() == Feed.Gives.RANGES) {
                reports.add(count(in, feed.read(sink), "ranges"));
            }
        }
        return references;
    }

    private static NetblockDatabaseBuilder declare(BuildPlan plan) {
        NetblockDatabaseBuilder builder = new NetblockDatabaseBuilder().description(plan.description()).dataDate(plan.dataDate());
        for (BuildPlan.Input in : plan.feeds()) {
            builder.addSource(in.source(), in.feed().complete());
        }
        return builder;
    }

    private void merge(BuildPlan plan, Layers layers, AsNameJoin asNames, NetblockDatabaseBuilder builder, List<FeedReport> reports)
            throws IOException {
        for (BuildPlan.Input in : plan.feeds()) {
            Feed feed = in.feed();
            if (feed.gives() != Feed.Gives.RECORDS) {
                continue;
            }
            long records;
            try (Progress.Task task = progress.start(feed.name(), -1, "blocks")) {
                records = feed.read(new FeedRecords() {
                    @Override
                    public void block(Netblock block) {
                        // a complete feed's missing values mean "none": nothing is attached to its blocks
                        builder.add(feed.complete() ? block : layers.attach(asNames.name(block)));
                        task.advance(1);
                    }

                    @Override
                    public void reverseDns(ReverseDnsEntry entry) {
                        builder.addReverseDns(entry);
                    }

                    @Override
                    public void registrar(RegistrarEntry entry) {
                        builder.addRegistrar(entry);
                    }
                });
            }
            reports.add(count(in, records, "records"));
        }
    }

    /** Logs a feed's counts; refuses a feed that gave nothing. */
    private FeedReport count(BuildPlan.Input in, long records, String unit) throws IOException {
        if (records == 0) {
            refuseEmpty(in);
        }
        log.printf("%-28s %,10d %s %6d errors%n", in.name(), records, unit, in.feed().errors().count());
        return FeedReport.of(in.feed(), records);
    }

    /**
     * A feed that gave nothing is a wrong file (an HTML error page, the wrong format configured, an
     * empty download), not a feed that happens to be empty: building on would publish a database
     * without it, or an empty one.
     */
    private static void refuseEmpty(BuildPlan.Input in) throws IOException {
        StringBuilder files = new StringBuilder();
        for (Path p : in.feed().files()) {
            files.append(files.length() == 0 ? "" : ", ").append(p).append(" (").append(String.format("%,d", Files.size(p))).append(" bytes)");
        }
        ParseErrors errors = in.feed().errors();
        throw new InvalidInputException("feed " + in.name() + " (format " + in.source().format() + "): no records in " + files
                + (errors.count() > 0 ? "; " + errors.count() + " bad, first: " + errors.examples().get(0).getMessage() : "")
                + "; is the format right and the file complete? nothing was built");
    }
}
