package io.github.netblock.loader.build;

import io.github.netblock.index.builder.BuildReport;
import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.ip.IpFamily;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.loader.config.FeedFormat;
import io.github.netblock.loader.config.LoaderConfig;
import io.github.netblock.loader.config.LoaderConfig.FeedConfig;
import io.github.netblock.loader.feed.ParseErrors;
import io.github.netblock.loader.feed.csv.RangeCsvParser;
import io.github.netblock.loader.feed.delegated.DelegatedStatsParser;
import io.github.netblock.loader.feed.dns.RegistrarCsvParser;
import io.github.netblock.loader.feed.dns.ReverseDnsParser;
import io.github.netblock.loader.feed.iana.IanaSpecialRegistryParser;
import io.github.netblock.loader.feed.rpsl.RpslFeed;
import io.github.netblock.loader.feed.whoisxml.WhoisXmlNetblocksParser;
import io.github.netblock.loader.merge.RangeLayer;
import io.github.netblock.loader.progress.Progress;
import io.github.netblock.loader.merge.RangeOverlay;
import io.github.netblock.loader.merge.RangeOverlay.Layered;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Feeds to database, by the configuration: WHOIS feeds (RPSL dumps, delegated statistics, IANA's
 * special-purpose registry) give the blocks; IP-to-ASN and IP-to-country range feeds attach an
 * origin AS and a country to every block that a single range covers and lacks them, and their
 * ranges also become blocks (the weakest) so addresses outside any WHOIS block still get both.
 * Precedence is the order of the feeds in the configuration.
 */
public final class DatabaseBuild {
    private DatabaseBuild() {}

    /** What one feed contributed and what was wrong with it. */
    public record FeedReport(String name, long records, long errors, List<String> examples) {}

    /** The database written and the per-feed reports. */
    public record Result(BuildReport report, List<FeedReport> feeds) {
        /** The first bad records of each feed, "file:line: what", for the commands to print as warnings. */
        public List<String> warnings() {
            return feeds.stream().flatMap(f -> f.examples().stream()).toList();
        }
    }

    record As(long number, String name) {}

    public static Result run(LoaderConfig config, Path baseDir, Path output, PrintWriter log) throws IOException {
        return run(config, baseDir, output, log, Progress.NONE);
    }

    public static Result run(LoaderConfig config, Path baseDir, Path output, PrintWriter log, Progress progress) throws IOException {
        NetblockDatabaseBuilder builder = new NetblockDatabaseBuilder()
                .description(config.description() == null ? "netblock-loader build" : config.description());
        List<FeedConfig> feeds = config.feeds().stream().filter(FeedConfig::active).toList();
        Map<String, List<Path>> files = new LinkedHashMap<>();
        Instant newest = null;
        for (FeedConfig f : feeds) {
            List<Path> paths = new ArrayList<>();
            Instant feedDate = null;
            for (Path p : config.filesOf(f, baseDir)) {
                if (!Files.isRegularFile(p)) {
                    throw new InvalidInputException("feed " + f.name() + ": file " + p
                            + (Files.isDirectory(p) ? " is a folder, not a file" : " does not exist")
                            + (f.files().isEmpty() ? " (run fetch first)" : ""));
                }
                paths.add(p);
                Instant m = Files.getLastModifiedTime(p).toInstant();
                feedDate = feedDate == null || m.isAfter(feedDate) ? m : feedDate;
            }
            files.put(f.name(), paths);
            newest = newest == null || (feedDate != null && feedDate.isAfter(newest)) ? feedDate : newest;
            String serial = feedDate == null ? null : LocalDate.ofInstant(feedDate, ZoneOffset.UTC).toString();
            // IANA's registry is complete: its blocks take no country or AS from other feeds
            builder.addSource(new SourceInfo(f.name(), f.format().id(), serial, feedDate, 0), f.format() == FeedFormat.IANA_SPECIAL);
        }
        builder.dataDate(newest);

        // The range layers first: blocks take their AS and country from them as they stream by.
        List<FeedReport> reports = new ArrayList<>();
        List<Layered<As>> asRanges = new ArrayList<>();
        List<Layered<String>> countryRanges = new ArrayList<>();
        Map<String, List<Layered<?>>> layerOf = new LinkedHashMap<>();
        for (FeedConfig f : feeds) {
            if (f.format() != FeedFormat.ASN_CSV && f.format() != FeedFormat.COUNTRY_CSV) {
                continue;
            }
            ParseErrors errors = new ParseErrors(f.name(), f.budget());
            long n = 0;
            for (Path p : files.get(f.name())) {
                IpFamily family = p.getFileName().toString().contains("ipv6") ? IpFamily.IPV6 : null;
                n += RangeCsvParser.parse(p, family, errors, row -> {
                    if (f.format() == FeedFormat.ASN_CSV) {
                        String number = row.value(0);
                        if (number != null) {
                            asRanges.add(new Layered<>(row.range(), new As(Long.parseLong(number), row.value(1))));
                        }
                    } else if (row.value(0) != null) {
                        countryRanges.add(new Layered<>(row.range(), row.value(0).toUpperCase(java.util.Locale.ROOT)));
                    }
                });
            }
            refuseEmpty(f, n, errors, files.get(f.name()));
            reports.add(report(f.name(), n, errors));
            log.printf("%-28s %,10d ranges %6d errors%n", f.name(), n, errors.count());
        }
        RangeLayer<As> asLayer = new RangeLayer<>(asRanges);
        Map<Long, String> asNames = new java.util.HashMap<>(); // from RPSL aut-num objects
        RangeLayer<String> countryLayer = new RangeLayer<>(countryRanges);
        String asFeed = feeds.stream().filter(f -> f.format() == FeedFormat.ASN_CSV).map(FeedConfig::name).findFirst().orElse(null);
        String countryFeed = feeds.stream().filter(f -> f.format() == FeedFormat.COUNTRY_CSV).map(FeedConfig::name).findFirst().orElse(null);

        for (FeedConfig f : feeds) {
            if (f.format() == FeedFormat.ASN_CSV || f.format() == FeedFormat.COUNTRY_CSV) {
                continue; // read above, as layers
            }
            ParseErrors errors = new ParseErrors(f.name(), f.budget());
            long n;
            Progress.Task task = progress.start(f.name(), -1, "blocks");
            Consumer<Netblock> add = b -> {
                builder.add(attach(b, asLayer, countryLayer, asNames));
                task.advance(1);
            };
            switch (f.format()) {
                case RPSL -> n = new RpslFeed(f.name(), charset(f), asNames).parse(files.get(f.name()), errors, add);
                case WHOISXML -> n = WhoisXmlNetblocksParser.parse(files.get(f.name()), f.name(), errors, add);
                case DELEGATED -> {
                    n = 0;
                    for (Path p : files.get(f.name())) {
                        n += DelegatedStatsParser.parse(p, f.name(), errors, add);
                    }
                }
                case IANA_SPECIAL -> {
                    n = 0;
                    for (Path p : files.get(f.name())) {
                        List<Netblock> blocks = IanaSpecialRegistryParser.parse(p, f.name());
                        blocks.forEach(builder::add); // complete: no AS or country attached
                        n += blocks.size();
                    }
                }
                case RDNS_JSON, RDNS_CSV -> {
                    n = 0;
                    for (Path p : files.get(f.name())) {
                        n += f.format() == FeedFormat.RDNS_JSON
                                ? ReverseDnsParser.parseJsonLines(p, errors, builder::addReverseDns)
                                : ReverseDnsParser.parseCsv(p, errors, builder::addReverseDns);
                    }
                }
                case REGISTRAR_CSV -> {
                    n = 0;
                    for (Path p : files.get(f.name())) {
                        n += RegistrarCsvParser.parse(p, errors, builder::addRegistrar);
                    }
                }
                default -> {
                    continue;
                }
            }
            task.close();
            refuseEmpty(f, n, errors, files.get(f.name()));
            reports.add(report(f.name(), n, errors));
            log.printf("%-28s %,10d records %6d errors%n", f.name(), n, errors.count());
        }
        // The ranges themselves, as the weakest blocks: one block per piece of the AS/country overlay.
        for (IpFamily family : IpFamily.values()) {
            List<Layered<As>> as = asLayer.ranges().stream().filter(l -> l.range().family() == family).toList();
            List<Layered<String>> cc = countryLayer.ranges().stream().filter(l -> l.range().family() == family).toList();
            for (RangeOverlay.Piece<As, String> p : RangeOverlay.overlay(as, cc, (layer, r) -> { })) {
                Netblock.Builder b = Netblock.builder(p.range()).country(p.b());
                if (p.a() != null) {
                    b.asNumber(p.a().number()).asName(p.a().name()).ownerName(p.a().name()).ownerId("AS" + p.a().number()).source(asFeed);
                } else {
                    b.source(countryFeed);
                }
                builder.add(b.build());
            }
        }
        BuildReport report = builder.build(output);
        return new Result(report, reports);
    }

    /**
     * A feed that gave nothing is a wrong file (an HTML error page, the wrong format configured, an
     * empty download), not a feed that happens to be empty: building on would publish a database
     * without it, or an empty one.
     */
    private static void refuseEmpty(FeedConfig f, long records, ParseErrors errors, List<Path> paths) throws IOException {
        if (records > 0) {
            return;
        }
        StringBuilder files = new StringBuilder();
        for (Path p : paths) {
            files.append(files.length() == 0 ? "" : ", ").append(p).append(" (").append(String.format("%,d", Files.size(p))).append(" bytes)");
        }
        throw new InvalidInputException("feed " + f.name() + " (format " + f.format() + "): no records in " + files
                + (errors.count() > 0 ? "; " + errors.count() + " bad, first: " + errors.examples().get(0).getMessage() : "")
                + "; is the format right and the file complete? nothing was built");
    }

    private static Netblock attach(Netblock b, RangeLayer<As> asLayer, RangeLayer<String> countryLayer, Map<Long, String> asNames) {
        As as = b.asNumber() == null ? asLayer.covering(b.range()) : null;
        String cc = b.country() == null ? countryLayer.covering(b.range()) : null;
        boolean unnamedAs = b.asNumber() != null && b.asName() == null && asNames.containsKey(b.asNumber());
        if (as == null && cc == null && !unnamedAs) {
            return b;
        }
        Netblock.Builder nb = b.toBuilder();
        if (unnamedAs) {
            nb.asName(asNames.get(b.asNumber()));
        }
        if (as != null) {
            nb.asNumber(as.number()).asName(as.name() != null ? as.name() : asNames.get(as.number()));
        }
        if (cc != null) {
            nb.country(cc);
        }
        return nb.build();
    }

    private static Charset charset(FeedConfig f) {
        // RIPE's .gz dumps are Latin-1; the .utf8.gz variants and most others UTF-8
        return f.charset() == null ? StandardCharsets.ISO_8859_1 : Charset.forName(f.charset());
    }

    private static FeedReport report(String name, long n, ParseErrors errors) {
        return new FeedReport(name, n, errors.count(), errors.examples().stream().map(Throwable::getMessage).toList());
    }
}
