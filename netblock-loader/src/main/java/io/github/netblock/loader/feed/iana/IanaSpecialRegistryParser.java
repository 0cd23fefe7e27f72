package io.github.netblock.loader.feed.iana;

import io.github.netblock.index.ip.InvalidIpException;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.feed.FeedFormatException;
import io.github.netblock.loader.feed.csv.CsvRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * IANA's IPv4 / IPv6 Special-Purpose Address Registry CSV ({@code iana-ipv4-special-registry-1.csv}):
 * columns found by header name; an address cell may hold several prefixes and footnote marks
 * ({@code "192.0.0.170/32, 192.0.0.171/32"}, {@code "192.0.0.0/24 [2]"}); RFC cells may span lines.
 * Each prefix becomes a block owned by IANA, named after the registry's Name column.
 */
public final class IanaSpecialRegistryParser {
    public static final String OWNER_ID = "IANA";
    public static final String OWNER_NAME = "Internet Assigned Numbers Authority";

    private IanaSpecialRegistryParser() {}

    public static List<Netblock> parse(Path file, String source) throws IOException {
        List<Netblock> out = new ArrayList<>();
        try (CsvRecords records = CsvRecords.open(file, StandardCharsets.UTF_8)) {
            String[] header = records.next();
            if (header == null) {
                throw new FeedFormatException(file, 1, "empty file, expected IANA's header line");
            }
            int block = column(header, "Address Block", records);
            int name = column(header, "Name", records);
            int rfc = column(header, "RFC", records);
            int allocated = column(header, "Allocation Date", records);
            int terminated = column(header, "Termination Date", records);
            String[] r;
            while ((r = records.next()) != null) {
                if (r.length <= Math.max(block, name)) {
                    continue;
                }
                Instant since = month(r, allocated, records);
                boolean deprecated = terminated < r.length && month(r, terminated, records) != null;
                for (String cell : r[block].split(",")) {
                    String prefix = cell.replaceAll("\\[[^]]*]", "").strip();
                    if (prefix.isEmpty()) {
                        continue;
                    }
                    IpRange range;
                    try {
                        range = IpRange.parse(prefix);
                    } catch (InvalidIpException e) {
                        throw records.error("Address Block: " + Printable.value(e.getMessage()));
                    }
                    out.add(Netblock.builder(range)
                            .name(r[name].replace("\"", "").strip())
                            .description(rfc < r.length ? r[rfc].replaceAll("\\s+", " ").strip() : null)
                            .status(deprecated ? "DEPRECATED SPECIAL-PURPOSE" : "SPECIAL-PURPOSE")
                            .ownerId(OWNER_ID)
                            .ownerName(OWNER_NAME)
                            .registry("IANA")
                            .lastModified(since)
                            .source(source)
                            .build());
                }
            }
        }
        return out;
    }

    private static int column(String[] header, String name, CsvRecords records) throws FeedFormatException {
        for (int i = 0; i < header.length; i++) {
            if (header[i].strip().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw records.error("no column [" + name + "] in the header " + Printable.value(String.join(",", header)));
    }

    /** "2010-01" -> the first of that month; "N/A" or empty -> null. */
    private static Instant month(String[] r, int column, CsvRecords records) throws FeedFormatException {
        if (column >= r.length) {
            return null;
        }
        String v = r[column].strip();
        if (v.isEmpty() || v.toUpperCase(Locale.ROOT).equals("N/A")) {
            return null;
        }
        try {
            return YearMonth.parse(v.substring(0, Math.min(7, v.length()))).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (RuntimeException e) {
            throw records.error("date [" + Printable.value(v) + "] is not YYYY-MM");
        }
    }
}
