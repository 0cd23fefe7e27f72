package io.github.netblock.loader.resolve;

import io.github.netblock.index.file.AtomicFile;
import io.github.netblock.ingest.core.text.Printable;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The registrar half of the store: {@code domains.csv}, one line per registered domain ever looked up
 * ({@code domain,status,registrar,iana_id,via,checked}), and the {@code registrar-csv} feed written from
 * it, {@code registrars.csv} ({@code domain,registrar,iana_id}) for the domains whose registrar is known.
 * Domains are few next to addresses (the PTR names of a million addresses fall under the domains of
 * their providers), so this half is kept in memory.
 */
final class DomainStore {
    static final String FILE = "domains.csv";
    static final String REGISTRARS = "registrars.csv";
    static final String HEADER = "domain,status,registrar,iana_id,via,checked";

    /** One domain's registrar answer, with when it was asked. */
    record Entry(String domain, RegistrarAnswer answer, Instant checked) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    static DomainStore read(Path file, Consumer<String> bad) throws IOException {
        DomainStore s = new DomainStore();
        if (!Files.exists(file)) {
            return s;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String l;
            long n = 0;
            while ((l = in.readLine()) != null) {
                n++;
                if (l.isBlank() || l.equals(HEADER)) {
                    continue;
                }
                try {
                    Entry e = parse(l);
                    s.entries.put(e.domain(), e);
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    bad.accept(file + ":" + n + ": not a store line (" + e.getMessage() + "): " + Printable.value(l));
                }
            }
        }
        return s;
    }

    private static Entry parse(String line) {
        String[] f = split(line);
        if (f.length != 6) {
            throw new IllegalArgumentException("6 fields expected, found " + f.length);
        }
        RegistrarAnswer.Status status = RegistrarAnswer.Status.of(f[1]);
        Long id = f[3].isEmpty() ? null : Long.parseLong(f[3]);
        return new Entry(f[0], new RegistrarAnswer(status, f[2].isEmpty() ? null : f[2], id, f[4].isEmpty() ? null : f[4], null), Instant.parse(f[5]));
    }

    Entry get(String domain) {
        return entries.get(domain);
    }

    /** A new answer; a failure keeps the registrar known before (asked again sooner). */
    void put(String domain, RegistrarAnswer answer, Instant now) {
        Entry old = entries.get(domain);
        RegistrarAnswer kept = answer;
        if (answer.status() == RegistrarAnswer.Status.FAILED && old != null && old.answer().status() == RegistrarAnswer.Status.FOUND) {
            kept = new RegistrarAnswer(RegistrarAnswer.Status.FAILED, old.answer().name(), old.answer().ianaId(), old.answer().via(), answer.detail());
        }
        entries.put(domain, new Entry(domain, kept, now));
    }

    int size() {
        return entries.size();
    }

    /** Writes both files atomically, sorted by domain; no {@code registrars.csv} when no registrar is known (the build would refuse an empty feed). */
    long write(Path dir) throws IOException {
        Map<String, Entry> sorted = new TreeMap<>(entries);
        AtomicFile.write(dir.resolve(FILE), ch -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8));
            w.write(HEADER);
            w.newLine();
            for (Entry e : sorted.values()) {
                RegistrarAnswer a = e.answer();
                w.write(e.domain() + "," + a.status().id() + "," + csv(a.name()) + "," + (a.ianaId() == null ? "" : a.ianaId()) + ","
                        + (a.via() == null ? "" : a.via()) + "," + e.checked());
                w.newLine();
            }
            w.flush();
            return null;
        });
        long known = sorted.values().stream().filter(e -> e.answer().name() != null).count();
        Path registrars = dir.resolve(REGISTRARS);
        if (known == 0) {
            Files.deleteIfExists(registrars);
            return 0;
        }
        AtomicFile.write(registrars, ch -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8));
            w.write("domain,registrar,iana_id");
            w.newLine();
            for (Entry e : sorted.values()) {
                if (e.answer().name() != null) {
                    w.write(e.domain() + "," + csv(e.answer().name()) + "," + (e.answer().ianaId() == null ? "" : e.answer().ianaId()));
                    w.newLine();
                }
            }
            w.flush();
            return null;
        });
        return known;
    }

    /** RFC 4180 quoting where needed ("Example, Inc."). */
    static String csv(String s) {
        if (s == null) {
            return "";
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\r", " ").replace("\n", " ").replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** Splits one CSV line with RFC 4180 quotes. */
    static String[] split(String line) {
        java.util.List<String> fields = new java.util.ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    b.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        fields.add(b.toString());
        return fields.toArray(String[]::new);
    }
}
