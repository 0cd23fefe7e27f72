package io.github.netblock.loader.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.netblock.index.format.DatabaseMetadata;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.index.read.OpenOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Shows a database's header: format, build time, data date and age, sources with serials, counts, "
                + "size and checksum (verified unless --no-verify).")
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the .nbdb file")
    Path file;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Option(names = "--no-verify", description = "skip the checksum (faster on large files)")
    boolean noVerify;

    @Override
    public Integer call() throws IOException {
        NamedPaths.inputFile("FILE", file);
        DatabaseMetadata m;
        int routes;
        int countries;
        try (NetblockDatabase db = NetblockDatabase.open(file, noVerify ? OpenOptions.NO_CHECKSUM : OpenOptions.DEFAULT)) {
            m = db.metadata();
            routes = db.originAsRows();
            countries = db.countryRows();
        }
        Map<String, Object> out = describe(m, Instant.now());
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) out.get("counts");
        counts.put("origin_as_rows", routes);
        counts.put("country_rows", countries);
        out.put("checksum_verified", !noVerify);
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            w.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
            return 0;
        }
        w.printf("file          %s%n", file);
        w.printf("format        %d.%d%n", m.formatMajor(), m.formatMinor());
        w.printf("description   %s%n", orNone(m.description()));
        w.printf("built         %s%n", m.buildTime());
        w.printf("data date     %s%n", m.dataDate() == null ? "(none)" : m.dataDate() + " (age " + human(m.age(Instant.now())) + ")");
        w.printf("size          %,d bytes, checksum %s%s%n", m.fileLength(), m.checksumHex(), noVerify ? " (not verified)" : " (verified)");
        var c = m.counts();
        w.printf("blocks        %,d IPv4 + %,d IPv6 (from %,d input blocks: %,d merged duplicates, %,d dropped overlaps)%n",
                c.v4Blocks(), c.v6Blocks(), c.inputBlocks(), c.mergedDuplicates(), c.droppedOverlaps());
        w.printf("intervals     %,d IPv4 + %,d IPv6%n", c.v4Intervals(), c.v6Intervals());
        w.printf("views         origin AS %s, country %s (rows by address, apart from the blocks)%n",
                routes == 0 ? "none" : String.format("%,d rows", routes), countries == 0 ? "none" : String.format("%,d rows", countries));
        w.printf("reverse DNS   %,d entries, %,d registrars%n", c.reverseDns(), c.registrars());
        w.println("sources (strongest first):");
        for (SourceInfo s : m.sources()) {
            w.printf("  %-32s %-20s serial %-12s date %-22s %,d blocks%n", s.name(), s.format(), orNone(s.serial()), orNone(s.date()), s.blockCount());
        }
        return 0;
    }

    static Map<String, Object> describe(DatabaseMetadata m, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format_version", m.formatMajor() + "." + m.formatMinor());
        out.put("description", m.description());
        out.put("build_time", m.buildTime().toString());
        out.put("data_date", m.dataDate() == null ? null : m.dataDate().toString());
        out.put("age_in_seconds", m.age(now).toSeconds());
        out.put("file_size_in_bytes", m.fileLength());
        out.put("checksum", m.checksumHex());
        var c = m.counts();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("ipv4_blocks", c.v4Blocks());
        counts.put("ipv6_blocks", c.v6Blocks());
        counts.put("ipv4_intervals", c.v4Intervals());
        counts.put("ipv6_intervals", c.v6Intervals());
        counts.put("reverse_dns", c.reverseDns());
        counts.put("registrars", c.registrars());
        counts.put("input_blocks", c.inputBlocks());
        counts.put("merged_duplicates", c.mergedDuplicates());
        counts.put("dropped_overlaps", c.droppedOverlaps());
        out.put("counts", counts);
        List<Object> sources = new ArrayList<>();
        for (SourceInfo s : m.sources()) {
            Map<String, Object> src = new LinkedHashMap<>();
            src.put("name", s.name());
            src.put("format", s.format());
            src.put("serial", s.serial());
            src.put("date", s.date() == null ? null : s.date().toString());
            src.put("blocks", s.blockCount());
            sources.add(src);
        }
        out.put("sources", sources);
        return out;
    }

    private static String human(Duration d) {
        return d.toDays() > 0 ? d.toDays() + "d" : d.toHours() > 0 ? d.toHours() + "h" : d.toMinutes() + "m";
    }

    /** A value a source may lack (a delegated file without serial, a CSV without date): "-" instead of "null". */
    private static String orNone(Object value) {
        return value == null || value.toString().isEmpty() ? "-" : value.toString();
    }
}
