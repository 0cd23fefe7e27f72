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
 * <li>parse feeds: every feed's directory (the AS names of RPSL {@code aut-num} objects), every
 * range feed (IP-to-ASN, IP-to-country) and every coarse feed (delegated statistics) whole, before
 * any detailed block;</li>
 * <li>layers: the AS-name join names the AS ranges, each kind of range becomes a layer without
 * overlaps; the AS layer becomes the database's routing view and the country layer its location
 * view ({@link Layers}: ranges of those files are no netblocks);</li>
 * <li>merge: the record feeds stream into the builder, each detailed block with the country and
 * registry it lacks from the delegated records that cover it whole, then the AS it still lacks from
 * the AS ranges, and its own AS named by the join; each drops the delegated blocks it stands for
 * ({@link CoarseBlocks}); reverse DNS entries and registrars go in as they are;</li>
 * <li>fill: the delegated records left become the weakest blocks, so addresses outside every
 * detailed block still get a registry and the registry's country;</li>
 * <li>write: the builder merges duplicates and overlaps by precedence and writes the file.</li>
 * </ol>
 * Precedence: detailed feeds (RPSL, ARIN, WhoisXML, IANA) are declared before the delegated
 * statistics, wherever they stand in the configuration; within each kind the configuration's order
 * decides. A feed beyond its error budget or without any record
 * stops the build before anything is written.
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
        CoarseBlocks coarse = new CoarseBlocks(references.coarseBlocks());
        NetblockDatabaseBuilder builder = declare(plan);
        layers.routes().forEach(r -> builder.addOriginAs(r.range(), r.value().number(), r.value().name())); // the routing view
        layers.countries().forEach(r -> builder.addCountry(r.range(), r.value()));                          // the location view
        merge(plan, layers, coarse, asNames, builder, reports);            // 3. merge
        for (Netblock b : coarse.remainingDelegated()) {                   // 4. fill
            builder.add(layers.attach(asNames.name(b)));
        }
        return new Result(builder.build(output), reports);                 // 5. write
    }

    /** Every feed's directory, every range feed and every coarse feed, strongest first. */
    private References parseReferences(BuildPlan plan, List<FeedReport> reports) throws IOException {
        References references = new References();
        for (BuildPlan.Input in : plan.feeds()) {
            Feed feed = in.feed();
            FeedRecords sink = references.of(feed.name());
            feed.readDirectory(sink);
            if (feed.gives() == Feed.Gives.RANGES) {
                reports.add(count(in, feed.read(sink), "ranges"));
            } else if (feed.gives() == Feed.Gives.COARSE_BLOCKS) {
                reports.add(count(in, feed.read(sink), "records"));
            }
        }
        return references;
    }

    /** The sources, detailed feeds first, then coarse feeds, then ranges; each kind in the configuration's order. */
    private static NetblockDatabaseBuilder declare(BuildPlan plan) {
        NetblockDatabaseBuilder builder = new NetblockDatabaseBuilder().description(plan.description()).dataDate(plan.dataDate());
        for (Feed.Gives kind : List.of(Feed.Gives.RECORDS, Feed.Gives.COARSE_BLOCKS, Feed.Gives.RANGES)) {
            for (BuildPlan.Input in : plan.feeds()) {
                if (in.feed().gives() == kind) {
                    builder.addSource(in.source(), in.feed().complete());
                }
            }
        }
        return builder;
    }

    private void merge(BuildPlan plan, Layers layers, CoarseBlocks coarse, AsNameJoin asNames, NetblockDatabaseBuilder builder,
                       List<FeedReport> reports) throws IOException {
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
                        // a complete feed's missing values mean "none": nothing is lent to its blocks
                        Netblock b = feed.complete() ? block : layers.attach(coarse.lend(asNames.name(block)));
                        coarse.place(b);
                        builder.add(b);
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
