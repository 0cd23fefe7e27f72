package io.github.netblock.loader.feed.dns;

import io.github.netblock.index.model.RegistrarEntry;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.feed.ParseErrors;
import io.github.netblock.loader.feed.csv.CsvRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/** {@code domain,registrar[,iana_id]} CSV: the registrar of each registered domain. */
public final class RegistrarCsvParser {
    private RegistrarCsvParser() {}

    public static long parse(Path file, ParseErrors errors, Consumer<RegistrarEntry> sink) throws IOException {
        long n = 0;
        try (CsvRecords records = CsvRecords.open(file, StandardCharsets.UTF_8)) {
            String[] r;
            while ((r = records.next()) != null) {
                if (r.length == 0 || r[0].isBlank() || r[0].startsWith("#")) {
                    continue;
                }
                if (records.line() == 1 && r[0].strip().toLowerCase(Locale.ROOT).equals("domain")) {
                    continue; // header
                }
                String domain = RegisteredDomains.normalize(r[0]);
                if (domain == null || r.length < 2 || r[1].isBlank()) {
                    errors.add(records.error("expected domain,registrar[,iana_id], found [" + Printable.value(String.join(",", r)) + "]"));
                    continue;
                }
                Long iana = null;
                if (r.length > 2 && !r[2].isBlank()) {
                    try {
                        iana = Long.parseLong(r[2].strip());
                    } catch (NumberFormatException e) {
                        errors.add(records.error("IANA id [" + Printable.value(r[2]) + "] is not a number"));
                        continue;
                    }
                }
                sink.accept(new RegistrarEntry(domain, r[1].strip(), iana));
                n++;
            }
        }
        return n;
    }
}
