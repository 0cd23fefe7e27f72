package io.github.netblock.loader.pipeline;

import io.github.netblock.index.ip.IpFamily;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.config.FeedFormat;
import io.github.netblock.loader.feed.Feed;
import io.github.netblock.loader.feed.Feed.Gives;
import io.github.netblock.loader.feed.FeedRecords;
import io.github.netblock.loader.feed.OriginAs;
import io.github.netblock.loader.feed.ParseErrors;
import io.github.netblock.loader.feed.arin.ArinFeed;
import io.github.netblock.loader.feed.csv.RangeCsvParser;
import io.github.netblock.loader.feed.delegated.DelegatedStatsParser;
import io.github.netblock.loader.feed.dns.RegistrarCsvParser;
import io.github.netblock.loader.feed.dns.ReverseDnsParser;
import io.github.netblock.loader.feed.iana.IanaSpecialRegistryParser;
import io.github.netblock.loader.feed.rdap.RdapNetworkParser;
import io.github.netblock.loader.feed.rpsl.RpslFeed;
import io.github.netblock.loader.feed.whoisxml.WhoisXmlNetblocksParser;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Opens a feed of a format: the one place that knows which parser reads which format. */
public final class Feeds {
    private Feeds() {}

    /** A feed in its format's default charset: ISO-8859-1 for RPSL dumps (RIPE's {@code .gz} dumps), else UTF-8. */
    public static Feed open(String name, FeedFormat format, List<Path> files, long errorBudget) {
        return open(name, format, files, null, errorBudget);
    }

    /**
     * @param charset     the charset of an RPSL dump (null: ISO-8859-1, which RIPE's {@code .gz}
     *                    dumps use) or of ARIN's format (null: UTF-8); every other format is UTF-8
     * @param errorBudget bad records tolerated before the feed is refused
     */
    public static Feed open(String name, FeedFormat format, List<Path> files, String charset, long errorBudget) {
        ParseErrors errors = new ParseErrors(name, errorBudget);
        return switch (format) {
            case RPSL -> new RpslFeed(name, charset == null ? StandardCharsets.ISO_8859_1 : Charset.forName(charset), files, errors);
            case ARIN -> new ArinFeed(name, charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset), files, errors);
            case WHOISXML -> new ParsedFeed(name, Kind.RECORDS, files, errors,
                    sink -> WhoisXmlNetblocksParser.parse(files, name, errors, sink::block)); // deltas span files
            case RDAP_JSON -> records(name, files, errors, (f, sink) -> RdapNetworkParser.parse(f, name, errors, sink::block));
            case DELEGATED -> new ParsedFeed(name, Kind.COARSE_BLOCKS, files, errors,
                    eachFile(files, (f, sink) -> DelegatedStatsParser.parse(f, name, errors, sink::block)));
            case IANA_SPECIAL -> new ParsedFeed(name, Kind.COMPLETE_RECORDS, files, errors, eachFile(files, (f, sink) -> {
                List<Netblock> blocks = IanaSpecialRegistryParser.parse(f, name);
                blocks.forEach(sink::block);
                return blocks.size();
            }));
            case RDNS_JSON -> records(name, files, errors, (f, sink) -> ReverseDnsParser.parseJsonLines(f, errors, sink::reverseDns));
            case RDNS_CSV -> records(name, files, errors, (f, sink) -> ReverseDnsParser.parseCsv(f, errors, sink::reverseDns));
            case REGISTRAR_CSV -> records(name, files, errors, (f, sink) -> RegistrarCsvParser.parse(f, errors, sink::registrar));
            case ASN_CSV -> ranges(name, files, errors, (f, sink) -> RangeCsvParser.parse(f, numericFamily(f), errors, row -> {
                String number = row.value(0);
                if (number != null) { // a number that is not one is a bad row: the parser counts it
                    sink.asRange(row.range(), new OriginAs(Long.parseLong(number), row.value(1)));
                }
            }));
            case COUNTRY_CSV -> ranges(name, files, errors, (f, sink) -> RangeCsvParser.parse(f, numericFamily(f), errors, row -> {
                String country = row.value(0);
                if (country != null) {
                    sink.countryRange(row.range(), country.toUpperCase(Locale.ROOT));
                }
            }));
        };
    }

    /**
     * ip-location-db's integer ({@code -num}) files are split by family: the integers of an IPv6
     * file are IPv6 addresses even where they fit in 32 bits.
     */
    private static IpFamily numericFamily(Path file) {
        return file.getFileName().toString().contains("ipv6") ? IpFamily.IPV6 : null;
    }

    /** Reads all of a feed's files; returns the records read. */
    @FunctionalInterface
    private interface Reading {
        long read(FeedRecords sink) throws IOException;
    }

    /** Reads one file of a feed whose files are independent of each other. */
    @FunctionalInterface
    private interface FileReading {
        long read(Path file, FeedRecords sink) throws IOException;
    }

    private static Feed records(String name, List<Path> files, ParseErrors errors, FileReading reading) {
        return new ParsedFeed(name, Kind.RECORDS, files, errors, eachFile(files, reading));
    }

    private static Feed ranges(String name, List<Path> files, ParseErrors errors, FileReading reading) {
        return new ParsedFeed(name, Kind.RANGES, files, errors, eachFile(files, reading));
    }

    private static Reading eachFile(List<Path> files, FileReading reading) {
        return sink -> {
            long n = 0;
            for (Path f : files) {
                n += reading.read(f, sink);
            }
            return n;
        };
    }

    /** What a parsed feed gives. */
    private enum Kind {
        RANGES,
        COARSE_BLOCKS,
        RECORDS,
        /** records of a source whose absent values mean "none": IANA's registry, whose blocks take nothing from other feeds */
        COMPLETE_RECORDS
    }

    /** A feed read by one of the format parsers. */
    private record ParsedFeed(String name, Kind kind, List<Path> files, ParseErrors errors, Reading reading) implements Feed {
        ParsedFeed {
            files = List.copyOf(files);
        }

        @Override
        public Gives gives() {
            return switch (kind) {
                case RANGES -> Gives.RANGES;
                case COARSE_BLOCKS -> Gives.COARSE_BLOCKS;
                case RECORDS, COMPLETE_RECORDS -> Gives.RECORDS;
            };
        }

        @Override
        public boolean complete() {
            return kind == Kind.COMPLETE_RECORDS;
        }

        @Override
        public long read(FeedRecords sink) throws IOException {
            return reading.read(sink);
        }
    }
}
