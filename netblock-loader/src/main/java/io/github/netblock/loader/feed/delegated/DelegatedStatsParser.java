package io.github.netblock.loader.feed.delegated;

import io.github.netblock.index.ip.InvalidIpException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.feed.DecodingLineReader;
import io.github.netblock.loader.feed.FeedFormatException;
import io.github.netblock.loader.feed.ParseErrors;
import io.github.netblock.loader.feed.RegistryDates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * RIR delegated(-extended) statistics: {@code registry|cc|type|start|value|date|status[|opaque-id[|ext]]}.
 * Every allocated or assigned IPv4/IPv6 record becomes a block with its country and registry (IPv4
 * {@code value} is an address count, not always a prefix; IPv6 {@code value} is a prefix length).
 * The version line, summary lines, comments, ASN records and available/reserved space are skipped.
 */
public final class DelegatedStatsParser {
    private static final Map<String, String> REGISTRIES = Map.of("ripencc", "RIPE", "apnic", "APNIC", "arin", "ARIN",
            "lacnic", "LACNIC", "afrinic", "AFRINIC", "iana", "IANA");

    private DelegatedStatsParser() {}

    /** The registry name blocks carry: RIPE, APNIC, ARIN, LACNIC, AFRINIC (others upper-cased). */
    static String registry(String field) {
        String r = field.toLowerCase(Locale.ROOT);
        return REGISTRIES.getOrDefault(r, field.toUpperCase(Locale.ROOT));
    }

    public static long parse(Path file, String source, ParseErrors errors, Consumer<Netblock> sink) throws IOException {
        long blocks = 0;
        boolean versionSeen = false;
        try (DecodingLineReader in = new DecodingLineReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|", -1);
                if (!versionSeen && f.length >= 6 && f[0].matches("\\d+(\\.\\d+)?")) {
                    versionSeen = true; // version|registry|serial|records|startdate|enddate|UTCoffset
                    continue;
                }
                if (f.length >= 6 && f[1].equals("*") && f[5].equals("summary")) {
                    continue;
                }
                if (f.length < 7) {
                    errors.add(new FeedFormatException(file, in.line(), "expected registry|cc|type|start|value|date|status, found [" + Printable.value(line) + "]"));
                    continue;
                }
                String type = f[2];
                String status = f[6].toLowerCase(Locale.ROOT);
                if (!(type.equals("ipv4") || type.equals("ipv6")) || !(status.equals("allocated") || status.equals("assigned"))) {
                    continue;
                }
                try {
                    IpAddress start = IpAddress.parse(f[3]);
                    IpRange range;
                    if (type.equals("ipv4")) {
                        long count = Long.parseLong(f[4]);
                        long last = (start.low()) + count - 1;
                        if (count < 1 || last > 0xFFFF_FFFFL || !start.isV4()) {
                            throw new IllegalArgumentException("IPv4 count " + f[4] + " from " + f[3] + " leaves the address space");
                        }
                        range = new IpRange(start, IpAddress.ofV4((int) last));
                    } else {
                        range = IpRange.cidr(start, Integer.parseInt(f[4]));
                        if (!range.first().equals(start)) {
                            throw new IllegalArgumentException(f[3] + "/" + f[4] + " has host bits set");
                        }
                    }
                    String cc = f[1].isEmpty() ? null : f[1].toUpperCase(Locale.ROOT);
                    Instant date = null;
                    FeedFormatException badDate = null;
                    try {
                        date = date(f[5]);
                    } catch (RegistryDates.InvalidDateException e) {
                        badDate = new FeedFormatException(file, in.line(), "record [" + Printable.value(line) + "]: date " + e.getMessage()
                                + "; the record is kept without it");
                    }
                    sink.accept(Netblock.builder(range)
                            .country(cc)
                            .registry(registry(f[0]))
                            .status(status.toUpperCase(Locale.ROOT))
                            .handle(f.length > 7 && !f[7].isEmpty() ? f[7] : null)
                            .lastModified(date)
                            .source(source)
                            .build());
                    blocks++;
                    if (badDate != null) {
                        errors.add(badDate);
                    }
                } catch (NumberFormatException e) {
                    errors.add(new FeedFormatException(file, in.line(), "record [" + Printable.value(line) + "]: value [" + Printable.value(f[4]) + "] is not a number"));
                } catch (IllegalArgumentException e) { // InvalidIpException included
                    errors.add(new FeedFormatException(file, in.line(), e instanceof InvalidIpException ? Printable.value(e.getMessage())
                            : "record [" + Printable.value(line) + "]: " + Printable.value(e.getMessage())));
                }
            }
        }
        return blocks;
    }

    /**
     * The date of the allocation or assignment (the registration date, not a change), null where the
     * registry left it empty or zero; a date that does not exist ({@code 20030230}) is an error.
     */
    private static Instant date(String yyyymmdd) throws RegistryDates.InvalidDateException {
        if (yyyymmdd.isEmpty() || yyyymmdd.equals("00000000")) {
            return null;
        }
        return RegistryDates.compact(yyyymmdd);
    }
}
