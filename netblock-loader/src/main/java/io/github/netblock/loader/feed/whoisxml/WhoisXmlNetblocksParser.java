package io.github.netblock.loader.feed.whoisxml;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.feed.JsonLines;
import io.github.netblock.loader.feed.ParseErrors;
import io.github.netblock.loader.feed.RegistryDates;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * WhoisXML API IP Netblocks data-feed files, in JSON lines or CSV (see {@link WhoisXmlCsv}): full files
 * ({@code ip_netblocks.DATE.full[.v6].jsonl.gz}) and daily deltas ({@code ...daily...}) whose records
 * carry {@code action}: add, change or drop. Deltas are applied to the full file in date order (the
 * file names sort by date): they are read first (they are small), then the full file streams by with
 * dropped and changed ranges replaced, then the remaining additions follow.
 */
public final class WhoisXmlNetblocksParser {
    private static final BigInteger MAPPED_V4 = BigInteger.valueOf(0xFFFF_0000_0000L);

    private WhoisXmlNetblocksParser() {}

    private record Delta(String action, Netblock block) {}

    public static long parse(List<Path> files, String source, ParseErrors errors, Consumer<Netblock> sink) throws IOException {
        List<Path> deltas = new ArrayList<>();
        List<Path> full = new ArrayList<>();
        for (Path f : files) {
            (f.getFileName().toString().contains(".daily") ? deltas : full).add(f);
        }
        deltas.sort(Comparator.comparing(p -> p.getFileName().toString()));
        Map<IpRange, Delta> changes = new LinkedHashMap<>();
        for (Path d : deltas) {
            read(d, source, errors, (json, block) -> {
                String action = json.path("action").asText("add").toLowerCase(Locale.ROOT);
                if (!action.equals("add") && !action.equals("change") && !action.equals("drop")) {
                    throw new IllegalArgumentException("unknown action [" + action + "]");
                }
                changes.put(block.range(), new Delta(action, block));
            });
        }
        long[] n = {0};
        for (Path f : full) {
            read(f, source, errors, (json, block) -> {
                Delta d = changes.remove(block.range());
                if (d == null) {
                    sink.accept(block);
                    n[0]++;
                } else if (!d.action().equals("drop")) {
                    sink.accept(d.block());
                    n[0]++;
                }
            });
        }
        for (Delta d : changes.values()) {
            if (!d.action().equals("drop")) {
                sink.accept(d.block());
                n[0]++;
            }
        }
        return n[0];
    }

    @FunctionalInterface
    private interface RecordSink {
        void accept(JsonNode json, Netblock block);
    }

    private static void read(Path file, String source, ParseErrors errors, RecordSink sink) throws IOException {
        if (file.getFileName().toString().contains(".csv")) {
            WhoisXmlCsv.read(file, source, errors, sink::accept);
        } else {
            JsonLines.read(file, "an IP netblocks record", errors, j -> sink.accept(j, block(j, source)));
        }
    }

    /** A record as the JSON the feed and the API use (CSV rows are turned into the same shape). */
    static Netblock block(JsonNode j, String source) {
        JsonNode org = j.path("org");
        JsonNode as = j.path("as");
        String abuse = null;
        for (JsonNode c : j.path("abuseContact")) {
            if (c.hasNonNull("email")) {
                abuse = c.get("email").asText();
                break;
            }
        }
        JsonNode description = j.path("description");
        String descr = text(j, "description");
        if (description.isArray()) { // the descr: lines of the object: all of them describe the block
            List<String> lines = new ArrayList<>();
            description.forEach(l -> {
                if (!l.asText().isBlank()) {
                    lines.add(l.asText());
                }
            });
            descr = lines.isEmpty() ? null : String.join("\n", lines);
        }
        return Netblock.builder(range(j))
                .name(text(j, "netname"))
                .handle(text(j, "nethandle"))
                .description(descr)
                .country(upper(text(j, "country")))
                .ownerId(org.isObject() ? text(org, "org") : null)
                .ownerName(org.isObject() ? text(org, "name") : null)
                .abuseEmail(abuse)
                .registry(upper(text(j, "source")))
                .lastModified(time(text(j, "modified")))
                .asNumber(as.isObject() && as.hasNonNull("asn") && as.get("asn").asLong() > 0 ? as.get("asn").asLong() : null)
                .asName(as.isObject() ? text(as, "name") : null)
                .source(source)
                .build();
    }

    /** The range from {@code inetnum} text, else the first/last strings, else the numbers. */
    private static IpRange range(JsonNode j) {
        String text = text(j, "inetnum");
        if (text != null) {
            return IpRange.parse(text);
        }
        String first = text(j, "inetnumFirstString");
        String last = text(j, "inetnumLastString");
        if (first != null && last != null) {
            return new IpRange(IpAddress.parse(first), IpAddress.parse(last));
        }
        if (j.hasNonNull("inetnumFirst") && j.hasNonNull("inetnumLast")) {
            return new IpRange(number(j.get("inetnumFirst").asText()), number(j.get("inetnumLast").asText()));
        }
        throw new IllegalArgumentException("record has no inetnum");
    }

    /** Files use 32-bit numbers for IPv4; the API uses IPv4-mapped 128-bit numbers. */
    private static IpAddress number(String text) {
        BigInteger v = new BigInteger(text);
        if (v.bitLength() <= 32) {
            return IpAddress.ofV4(v.intValue());
        }
        if (v.shiftRight(32).equals(MAPPED_V4.shiftRight(32))) {
            return IpAddress.ofV4(v.intValue());
        }
        return IpAddress.ofV6(v.shiftRight(64).longValue(), v.longValue());
    }

    private static String text(JsonNode j, String field) {
        JsonNode v = j.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? RegistryDates.isoDate(text) : RegistryDates.instant(text);
        } catch (RegistryDates.InvalidDateException e) {
            return null; // a modification time is no reason to lose the block
        }
    }
}
