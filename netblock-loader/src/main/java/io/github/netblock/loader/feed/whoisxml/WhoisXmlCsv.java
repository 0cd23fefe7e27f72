package io.github.netblock.loader.feed.whoisxml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.loader.feed.FeedFormatException;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.feed.ParseErrors;
import io.github.netblock.loader.feed.csv.CsvRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CSV variant of the IP Netblocks feed ({@code ip_netblocks.DATE.full.contacts[.v6].csv.gz}): a
 * header row names the columns (action, inetnum, inetnumFirst, inetnumLast, as number, as name, ...,
 * netname, modified, country, org_id, abuse contacts, ..., source). Columns are found by name, ignoring
 * case, spaces and underscores; each row becomes the JSON shape {@link WhoisXmlNetblocksParser} reads.
 */
final class WhoisXmlCsv {
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    private WhoisXmlCsv() {}

    private static String key(String header) {
        return header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    static void read(Path file, String source, ParseErrors errors, BiConsumer<JsonNode, Netblock> sink) throws IOException {
        try (CsvRecords records = CsvRecords.open(file, StandardCharsets.UTF_8)) {
            String[] header = records.next();
            if (header == null) {
                return;
            }
            Map<String, Integer> col = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                col.putIfAbsent(key(header[i]), i);
            }
            if (!col.containsKey("inetnum") && !col.containsKey("inetnumfirst")) {
                throw records.error("no inetnum column in the header " + Printable.value(String.join(",", header)));
            }
            String[] r;
            while ((r = records.next()) != null) {
                if (r.length == 1 && r[0].isBlank()) {
                    continue;
                }
                ObjectNode j = JsonNodeFactory.instance.objectNode();
                copy(r, col, "action", j, "action");
                copy(r, col, "inetnum", j, "inetnum");
                copy(r, col, "inetnumfirst", j, "inetnumFirst");
                copy(r, col, "inetnumlast", j, "inetnumLast");
                copy(r, col, "netname", j, "netname");
                copy(r, col, "nethandle", j, "nethandle");
                copy(r, col, "modified", j, "modified");
                copy(r, col, "country", j, "country");
                copy(r, col, "source", j, "source");
                copy(r, col, "description", j, "description");
                String asn = cell(r, col, "asnumber");
                if (asn != null && asn.matches("\\d+")) {
                    ObjectNode as = j.putObject("as");
                    as.put("asn", Long.parseLong(asn));
                    String asName = cell(r, col, "asname");
                    if (asName != null) {
                        as.put("name", asName);
                    }
                }
                String org = cell(r, col, "orgid");
                String orgName = cell(r, col, "orgname");
                if (org != null || orgName != null) {
                    ObjectNode o = j.putObject("org");
                    o.put("org", org);
                    o.put("name", orgName);
                }
                String abuse = cell(r, col, "abusecontacts");
                if (abuse != null) {
                    Matcher m = EMAIL.matcher(abuse);
                    if (m.find()) {
                        j.putArray("abuseContact").addObject().put("email", m.group());
                    }
                }
                try {
                    sink.accept(j, WhoisXmlNetblocksParser.block(j, source));
                } catch (IllegalArgumentException e) {
                    errors.add(new FeedFormatException(file, records.line(), "not an IP netblocks row: " + Printable.value(e.getMessage())));
                }
            }
        }
    }

    private static String cell(String[] r, Map<String, Integer> col, String key) {
        Integer i = col.get(key);
        if (i == null || i >= r.length) {
            return null;
        }
        String v = r[i].strip();
        return v.isEmpty() ? null : v;
    }

    private static void copy(String[] r, Map<String, Integer> col, String key, ObjectNode j, String field) {
        String v = cell(r, col, key);
        if (v != null) {
            j.put(field, v);
        }
    }
}
