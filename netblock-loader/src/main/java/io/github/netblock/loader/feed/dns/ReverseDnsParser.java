package io.github.netblock.loader.feed.dns;

import io.github.netblock.index.ip.InvalidIpException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.ReverseDnsEntry;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.feed.JsonLines;
import io.github.netblock.loader.feed.ParseErrors;
import io.github.netblock.loader.feed.csv.CsvRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * Reverse DNS feeds: Sonar-style JSON lines ({@code {"timestamp":"1700000000","name":"192.0.2.7",
 * "value":"scanner7.example.com","type":"ptr"}}, fields in any order) and {@code ip,hostname[,first_seen,last_seen]}
 * CSV (times as ISO-8601 or Unix seconds). Names get their registered domain and public suffix; reverse-zone
 * names ({@code *.in-addr.arpa}) are not host names and are skipped.
 */
public final class ReverseDnsParser {
    private ReverseDnsParser() {}

    public static long parseJsonLines(Path file, ParseErrors errors, Consumer<ReverseDnsEntry> sink) throws IOException {
        long[] n = {0};
        JsonLines.read(file, "a reverse DNS record", errors, j -> {
            String type = j.path("type").asText("ptr");
            if (!type.equalsIgnoreCase("ptr")) {
                return;
            }
            Instant seen = time(j.path("timestamp").asText(null));
            if (entry(j.path("name").asText(null), j.path("value").asText(null), seen, seen, sink)) {
                n[0]++;
            }
        });
        return n[0];
    }

    public static long parseCsv(Path file, ParseErrors errors, Consumer<ReverseDnsEntry> sink) throws IOException {
        long n = 0;
        try (CsvRecords records = CsvRecords.open(file, StandardCharsets.UTF_8)) {
            String[] r;
            while ((r = records.next()) != null) {
                if (r.length < 2 || r[0].startsWith("#")) {
                    continue;
                }
                try {
                    Instant first = r.length > 2 ? time(r[2]) : null;
                    Instant last = r.length > 3 ? time(r[3]) : first;
                    if (entry(r[0], r[1], first, last, sink)) {
                        n++;
                    }
                } catch (IllegalArgumentException e) {
                    if (records.line() == 1) {
                        continue; // header
                    }
                    errors.add(records.error(Printable.value(e.getMessage())));
                }
            }
        }
        return n;
    }

    private static boolean entry(String ip, String ptr, Instant first, Instant last, Consumer<ReverseDnsEntry> sink) {
        if (ip == null || ptr == null) {
            throw new IllegalArgumentException("needs an address and a name");
        }
        IpAddress address;
        try {
            address = IpAddress.parse(ip.strip());
        } catch (InvalidIpException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        RegisteredDomains.Split split = RegisteredDomains.split(ptr);
        if (split == null) {
            return false; // a reverse-zone name or not a host name
        }
        sink.accept(new ReverseDnsEntry(address.unmapped(), split.name(), first, last, split.registeredDomain(), split.topLevelDomain()));
        return true;
    }

    /** ISO-8601 or Unix seconds; empty is null. */
    static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.matches("\\d{9,11}")) {
            return Instant.ofEpochSecond(Long.parseLong(t));
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time [" + text + "] is neither ISO-8601 nor Unix seconds");
        }
    }
}
