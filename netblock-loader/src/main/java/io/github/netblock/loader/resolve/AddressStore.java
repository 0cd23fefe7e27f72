package io.github.netblock.loader.resolve;

import io.github.netblock.index.ip.InvalidIpException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.feed.dns.RegisteredDomains;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * The reverse-DNS half of the store: {@code addresses.csv}, one line per address ever resolved,
 * sorted by address ({@link AddressKey} order), so that a run merges it with the sorted addresses it
 * saw in one streaming pass and writes the next version beside it (then renamed over it): no map of
 * addresses in memory, however many there are. Columns:
 * {@code ip,status,name,forward_confirmed,first_seen,last_seen,checked}. The {@code rdns.csv} written
 * in the same pass is the {@code rdns-csv} feed the build reads: {@code ip,hostname,first_seen,last_seen}
 * for each address that has a name.
 */
final class AddressStore {
    static final String FILE = "addresses.csv";
    static final String RDNS = "rdns.csv";
    static final String HEADER = "ip,status,name,forward_confirmed,first_seen,last_seen,checked";
    static final String RDNS_HEADER = "ip,hostname,first_seen,last_seen";

    private AddressStore() {}

    /** Reads the store in order; a line it cannot read is reported ("FILE:LINE: ...") and skipped. */
    static final class Reader implements Closeable {
        private final BufferedReader in;
        private final Path file;
        private final Consumer<String> bad;
        private long line;
        private AddressRecord last;

        Reader(Path file, Consumer<String> bad) throws IOException {
            this.file = file;
            this.bad = bad;
            this.in = Files.exists(file) ? Files.newBufferedReader(file, StandardCharsets.UTF_8) : null;
        }

        /** The next record, or null at the end. Records out of order are skipped as bad. */
        AddressRecord next() throws IOException {
            if (in == null) {
                return null;
            }
            String l;
            while ((l = in.readLine()) != null) {
                line++;
                if (l.isBlank() || l.startsWith("#") || l.equals(HEADER)) {
                    continue;
                }
                try {
                    AddressRecord r = parse(l);
                    if (last != null && AddressKey.compare(last.address(), r.address()) >= 0) {
                        throw new IllegalArgumentException("out of order after " + last.address());
                    }
                    last = r;
                    return r;
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    bad.accept(file + ":" + line + ": not a store line (" + e.getMessage() + "): " + Printable.value(l));
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }

    static AddressRecord parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 7) {
            throw new IllegalArgumentException("7 fields expected, found " + f.length);
        }
        IpAddress a;
        try {
            a = IpAddress.parse(f[0]);
        } catch (InvalidIpException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        Boolean confirmed = f[3].isEmpty() ? null : switch (f[3]) {
            case "yes" -> Boolean.TRUE;
            case "no" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("forward_confirmed [" + f[3] + "] is not yes, no or empty");
        };
        return new AddressRecord(a.unmapped(), PtrAnswer.Status.of(f[1]), f[2].isEmpty() ? null : f[2], confirmed, time(f[4]), time(f[5]),
                time(f[6]));
    }

    static String line(AddressRecord r) {
        return r.address() + "," + r.status().id() + "," + (r.name() == null ? "" : r.name()) + ","
                + (r.confirmed() == null ? "" : r.confirmed() ? "yes" : "no") + "," + text(r.firstSeen()) + "," + text(r.lastSeen()) + ","
                + text(r.checked());
    }

    /** Writes the next store and the rdns-csv feed, in order. */
    static final class Writer implements Closeable {
        private final BufferedWriter store;
        private final BufferedWriter rdns;
        private long records;
        private long names;

        Writer(java.io.Writer store, java.io.Writer rdns) throws IOException {
            this.store = new BufferedWriter(store, 1 << 16);
            this.rdns = new BufferedWriter(rdns, 1 << 16);
            this.store.write(HEADER);
            this.store.newLine();
            this.rdns.write(RDNS_HEADER);
            this.rdns.newLine();
        }

        void write(AddressRecord r) throws IOException {
            store.write(line(r));
            store.newLine();
            records++;
            // a name the build would skip (a reverse-zone name, not a host name) stays in the store only
            if (r.name() != null && RegisteredDomains.normalize(r.name()) != null) {
                rdns.write(r.address() + "," + r.name() + "," + text(r.firstSeen()) + "," + text(r.lastSeen()));
                rdns.newLine();
                names++;
            }
        }

        long records() {
            return records;
        }

        long names() {
            return names;
        }

        @Override
        public void close() throws IOException {
            store.flush();
            rdns.flush();
        }
    }

    private static Instant time(String s) {
        return s.isEmpty() ? null : Instant.parse(s);
    }

    private static String text(Instant t) {
        return t == null ? "" : t.toString();
    }

}
