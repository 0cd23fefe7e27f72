package io.github.netblock.loader.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.netblock.index.file.AtomicFile;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.feed.rdap.RdapNetworkParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The RDAP-network half of the store: {@code rdap-networks.jsonl}, the {@code rdap-json} feed itself
 * (each registry answer as it came, plus {@value RdapNetworkParser#FETCHED}). At the start only the
 * ranges and fetch times are read into a {@link NetworkIndex}; answers of this run go to a spool file;
 * at the end the old lines whose range was fetched again are dropped and the new ones added, in one
 * streaming pass, written atomically.
 */
final class NetworkStore implements Closeable {
    static final String FILE = "rdap-networks.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Path spool;
    private final BufferedWriter spoolOut;
    private final NetworkIndex index = new NetworkIndex();
    private final Set<IpRange> fetchedNow = new HashSet<>();
    private long added;

    NetworkStore(Path dir, Consumer<String> bad) throws IOException {
        this.file = dir.resolve(FILE);
        if (Files.exists(file)) {
            forEachLine(file, bad, (range, line, json) -> {
                Instant when = RdapNetworkParser.fetched(json);
                index.put(range, when == null ? Instant.EPOCH : when);
            });
        }
        this.spool = Files.createTempFile(dir, ".rdap-networks-", ".new");
        this.spoolOut = Files.newBufferedWriter(spool, StandardCharsets.UTF_8);
    }

    NetworkIndex index() {
        return index;
    }

    /** Stores an answer of this run; returns its range. */
    synchronized IpRange add(JsonNode network, Instant fetched) throws IOException {
        IpRange range = RdapNetworkParser.range(network);
        ObjectNode line = network.deepCopy();
        line.put(RdapNetworkParser.FETCHED, fetched.toString());
        spoolOut.write(JSON.writeValueAsString(line));
        spoolOut.newLine();
        fetchedNow.add(range);
        index.put(range, fetched);
        added++;
        return range;
    }

    synchronized long added() {
        return added;
    }

    /** Writes the merged file; returns the networks in it. Nothing is written when there are none. */
    synchronized long write(Consumer<String> bad) throws IOException {
        spoolOut.flush();
        if (added == 0) {
            return Files.exists(file) ? index.size() : 0; // nothing new: the file stays as it is
        }
        long[] n = {0};
        AtomicFile.write(file, ch -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8), 1 << 16);
            if (Files.exists(file)) {
                forEachLine(file, bad, (range, line, json) -> {
                    if (!fetchedNow.contains(range)) {
                        w.write(line);
                        w.newLine();
                        n[0]++;
                    }
                });
            }
            Set<IpRange> written = new HashSet<>();
            java.util.List<String> lines = Files.readAllLines(spool, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) { // the last answer for a range wins
                String line = lines.get(i);
                if (written.add(RdapNetworkParser.range(JSON.readTree(line)))) {
                    w.write(line);
                    w.newLine();
                    n[0]++;
                }
            }
            w.flush();
            return null;
        });
        return n[0];
    }

    @FunctionalInterface
    private interface LineSink {
        void accept(IpRange range, String line, JsonNode json) throws IOException;
    }

    private static void forEachLine(Path file, Consumer<String> bad, LineSink sink) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String l;
            long n = 0;
            while ((l = in.readLine()) != null) {
                n++;
                if (l.isBlank()) {
                    continue;
                }
                JsonNode j;
                IpRange range;
                try {
                    j = JSON.readTree(l);
                    range = RdapNetworkParser.range(j);
                } catch (IOException | IllegalArgumentException e) {
                    bad.accept(file + ":" + n + ": not an RDAP ip network line, dropped: " + Printable.value(e.getMessage()));
                    continue;
                }
                sink.accept(range, l, j);
            }
        }
    }

    @Override
    public void close() throws IOException {
        spoolOut.close();
        Files.deleteIfExists(spool);
    }
}
