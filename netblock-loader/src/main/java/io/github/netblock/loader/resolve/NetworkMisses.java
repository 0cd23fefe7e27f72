package io.github.netblock.loader.resolve;

import io.github.netblock.index.file.AtomicFile;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.ingest.core.text.Printable;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The addresses whose RDAP network query found nothing (404) or failed, remembered with the shorter
 * TTLs so that the next runs do not ask them again too soon: {@code rdap-misses.csv}
 * ({@code ip,status,checked,detail}), sorted by address ({@link AddressKey} order) like
 * {@link AddressStore}, so that memory does not grow with the number of rows:
 * <ul>
 * <li>reading: the run's addresses come in sorted order, and the file is read alongside them, one row
 * at a time ({@link #fresh});</li>
 * <li>the misses of this run are collected in a buffer of at most {@code memoryRows} rows, spilled to a
 * sorted temp file when full;</li>
 * <li>writing ({@link #write}): one streaming merge of the stored file and the spilled files, where a
 * row of this run replaces the stored one of its address and rows past their TTL (or inside a network
 * now known) are dropped; written atomically, deleted when no row is left.</li>
 * </ul>
 * A file in another order (an older version kept it sorted as text; a hand edit) is sorted the same way
 * when opened. Not thread-safe for reading ({@link #fresh} is the merge pass's); {@link #add} is.
 */
final class NetworkMisses implements Closeable {
    static final String FILE = "rdap-misses.csv";
    static final String HEADER = "ip,status,checked,detail";

    /** One row. */
    record Miss(IpAddress address, RegistrarAnswer.Status status, Instant checked, String detail) {
        String line() {
            return address + "," + status.id() + "," + checked + "," + DomainStore.csv(detail);
        }
    }

    private static final Comparator<Miss> ORDER = (a, b) -> AddressKey.compare(a.address(), b.address());

    private final Path dir;
    private final Path file;
    private final Ttls ttls;
    private final Clock clock;
    private final int memoryRows;
    private final Consumer<String> bad;
    private final List<Miss> buffer = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private int maxHeld;
    private Rows cursor;
    private Miss current;
    private IpAddress lastAsked;

    /**
     * @param memoryRows rows of this run held before a spill (about 150 bytes each)
     * @param bad        told the stored lines that cannot be read (file:line: ...), once each
     */
    NetworkMisses(Path dir, Ttls ttls, Clock clock, int memoryRows, Consumer<String> bad) throws IOException {
        this.dir = dir;
        this.file = dir.resolve(FILE);
        this.ttls = ttls;
        this.clock = clock;
        this.memoryRows = Math.max(1, memoryRows);
        this.bad = bad;
        if (Files.exists(file) && !sorted(file)) {
            resort();
        }
        if (Files.exists(file)) {
            cursor = new Rows(file, null);
            current = cursor.next();
        }
    }

    /**
     * The stored miss of {@code a} while it is younger than its TTL, else null. Called with ascending
     * addresses (the merge pass's order); an address lower than the one before is not looked for (null).
     */
    Miss fresh(IpAddress a) throws IOException {
        if (lastAsked != null && AddressKey.compare(a, lastAsked) < 0) {
            return null;
        }
        lastAsked = a;
        while (current != null && AddressKey.compare(current.address(), a) < 0) {
            current = cursor.next();
        }
        if (current != null && AddressKey.compare(current.address(), a) == 0
                && ttls.fresh(current.status().kind(), current.checked(), clock.instant())) {
            return current;
        }
        return null;
    }

    /** A miss of this run (thread-safe). */
    synchronized void add(IpAddress a, RegistrarAnswer.Status status, Instant checked, String detail) {
        buffer.add(new Miss(a.unmapped(), status, checked, detail));
        maxHeld = Math.max(maxHeld, buffer.size());
        if (buffer.size() >= memoryRows) {
            spill();
        }
    }

    /** The most rows held in memory at once (never more than {@code memoryRows}). */
    synchronized int maxHeld() {
        return maxHeld;
    }

    private void spill() {
        buffer.sort(ORDER);
        try {
            Path run = Files.createTempFile(dir, ".rdap-misses-", ".run");
            try (BufferedWriter w = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
                for (Miss m : buffer) {
                    w.write(m.line());
                    w.newLine();
                }
            }
            runs.add(run);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a sorted run of RDAP misses in " + dir, e);
        }
        buffer.clear();
    }

    /**
     * Writes the merged file: the stored rows and this run's, the newest of each address, without those
     * past their TTL and those {@code covered} (inside a network known now). Returns the rows written.
     */
    synchronized long write(Predicate<IpAddress> covered) throws IOException {
        closeCursor();
        if (!buffer.isEmpty()) {
            spill();
        }
        Instant now = clock.instant();
        List<Rows> sources = new ArrayList<>();
        try {
            if (Files.exists(file)) {
                sources.add(new Rows(file, bad));
            }
            for (Path r : runs) {
                sources.add(new Rows(r, null));
            }
            long n = merge(sources, m -> ttls.fresh(m.status().kind(), m.checked(), now) && !covered.test(m.address()));
            for (Path r : runs) {
                Files.deleteIfExists(r);
            }
            runs.clear();
            return n;
        } finally {
            for (Rows r : sources) {
                r.close();
            }
        }
    }

    private record Head(Miss miss, int source) {}

    /** Merges sorted sources into the file (the latest check of an address wins); deletes it when nothing is kept. */
    private long merge(List<Rows> sources, Predicate<Miss> keep) throws IOException {
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> {
            int c = ORDER.compare(a.miss(), b.miss());
            return c != 0 ? c : Integer.compare(a.source(), b.source());
        });
        for (int i = 0; i < sources.size(); i++) {
            advance(sources, heads, i);
        }
        long n = AtomicFile.write(file, ch -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8), 1 << 16);
            w.write(HEADER);
            w.write('\n');
            long written = 0;
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                Miss best = h.miss();
                advance(sources, heads, h.source());
                while (!heads.isEmpty() && ORDER.compare(heads.peek().miss(), best) == 0) {
                    Head same = heads.poll();
                    if (!same.miss().checked().isBefore(best.checked())) { // the later source (this run's) wins a tie
                        best = same.miss();
                    }
                    advance(sources, heads, same.source());
                }
                if (keep.test(best)) {
                    w.write(best.line());
                    w.write('\n');
                    written++;
                }
            }
            w.flush();
            return written;
        });
        if (n == 0) {
            Files.deleteIfExists(file);
        }
        return n;
    }

    private static void advance(List<Rows> sources, PriorityQueue<Head> heads, int source) throws IOException {
        Miss next = sources.get(source).next();
        if (next != null) {
            heads.add(new Head(next, source));
        }
    }

    /** Whether the stored file is in address order with one row per address (its unreadable lines aside). */
    private static boolean sorted(Path file) throws IOException {
        try (Rows rows = new Rows(file, null)) {
            Miss last = null;
            Miss m;
            while ((m = rows.next()) != null) {
                if (last != null && ORDER.compare(last, m) >= 0) {
                    return false;
                }
                last = m;
            }
            return true;
        }
    }

    /** Sorts the stored file through spilled runs (bounded memory), dropping what cannot be read (reported). */
    private void resort() throws IOException {
        try (Rows rows = new Rows(file, bad)) {
            Miss m;
            while ((m = rows.next()) != null) {
                buffer.add(m);
                maxHeld = Math.max(maxHeld, buffer.size());
                if (buffer.size() >= memoryRows) {
                    spill();
                }
            }
        }
        if (!buffer.isEmpty()) {
            spill();
        }
        List<Rows> sources = new ArrayList<>();
        try {
            for (Path r : runs) {
                sources.add(new Rows(r, null));
            }
            merge(sources, m -> true);
        } finally {
            for (Rows r : sources) {
                r.close();
            }
            for (Path r : runs) {
                Files.deleteIfExists(r);
            }
            runs.clear();
        }
    }

    private void closeCursor() throws IOException {
        if (cursor != null) {
            cursor.close();
            cursor = null;
            current = null;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closeCursor();
        for (Path r : runs) {
            Files.deleteIfExists(r);
        }
        runs.clear();
    }

    /** The rows of one file in order; unreadable lines are skipped (and told to {@code bad} when given). */
    private static final class Rows implements Closeable {
        private final Path file;
        private final BufferedReader in;
        private final Consumer<String> bad;
        private long line;

        Rows(Path file, Consumer<String> bad) throws IOException {
            this.file = file;
            this.in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            this.bad = bad;
        }

        Miss next() throws IOException {
            String l;
            while ((l = in.readLine()) != null) {
                line++;
                if (l.isBlank() || l.equals(HEADER)) {
                    continue;
                }
                try {
                    String[] f = DomainStore.split(l);
                    return new Miss(IpAddress.parse(f[0]).unmapped(), RegistrarAnswer.Status.of(f[1]), Instant.parse(f[2]),
                            f.length > 3 && !f[3].isEmpty() ? f[3] : null);
                } catch (RuntimeException e) {
                    if (bad != null) {
                        bad.accept(file + ":" + line + ": not a store line, dropped: " + Printable.value(l));
                    }
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
