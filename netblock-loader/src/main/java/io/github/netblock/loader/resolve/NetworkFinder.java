package io.github.netblock.loader.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.netblock.index.file.AtomicFile;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.ingest.core.text.Printable;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * RDAP IP network queries for the addresses seen, one per network: an address inside a network
 * already known (stored and younger than the TTL, or answered earlier in the run) is not asked. The
 * addresses come in sorted; neighbours ({@code /16} of IPv4, {@code /32} of IPv6) are queued as one
 * group and asked one after the other, so the answer for the first covers the rest before they are
 * asked; groups are asked in parallel within each server's limits. The server comes from the IANA
 * bootstrap; the RIRs' redirects are followed. Addresses no registry holds (private, loopback,
 * multicast: not in the bootstrap) are never asked. A registry's "no such network" (404) and failures
 * are remembered per address in {@code rdap-misses.csv} with the shorter TTLs.
 */
final class NetworkFinder implements AutoCloseable {
    static final String MISSES = "rdap-misses.csv";
    private static final int GROUP_CAP = 4096;
    private static final int QUEUED_CAP = 100_000;

    private record Miss(RegistrarAnswer.Status status, Instant checked, String detail) {}

    private final RdapBootstrap bootstrap;
    private final RdapClient rdap;
    private final NetworkStore store;
    private final Ttls ttls;
    private final Clock clock;
    private final long deadlineNanos;
    private final ExecutorService pool;
    private final Map<String, Miss> misses = new ConcurrentHashMap<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong asked = new AtomicLong();
    private final AtomicLong found = new AtomicLong();
    private final AtomicLong notFound = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong deferred = new AtomicLong();
    private final AtomicLong known = new AtomicLong();
    private final List<String> failures = new ArrayList<>();
    private List<IpAddress> group;
    private long groupKey;

    NetworkFinder(RdapBootstrap bootstrap, RdapClient rdap, NetworkStore store, Path dir, Ttls ttls, Clock clock, long deadlineNanos, int threads,
                  Consumer<String> bad) throws IOException {
        this.bootstrap = bootstrap;
        this.rdap = rdap;
        this.store = store;
        this.ttls = ttls;
        this.clock = clock;
        this.deadlineNanos = deadlineNanos;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "resolve-rdap-ip");
            t.setDaemon(true);
            return t;
        });
        readMisses(dir.resolve(MISSES), bad);
    }

    /** An address seen in this run, in sorted order (called from one thread). */
    void seen(IpAddress a) {
        if (needless(a)) {
            return;
        }
        long key = a.isV4() ? (a.low() >>> 16) : (a.high() >>> 32) | (1L << 40);
        if (group != null && key == groupKey && group.size() < GROUP_CAP) {
            group.add(a);
            return;
        }
        submit();
        group = new ArrayList<>();
        group.add(a);
        groupKey = key;
    }

    /** Known already, or a miss still fresh, or no registry's. */
    private boolean needless(IpAddress a) {
        Instant now = clock.instant();
        Instant covering = store.index().covering(a);
        if (covering != null && ttls.fresh(Ttls.Kind.ANSWER, covering, now)) {
            known.incrementAndGet();
            return true;
        }
        Miss m = misses.get(a.toString());
        if (m != null && ttls.fresh(m.status().kind(), m.checked(), now)) {
            return true;
        }
        return bootstrap.forAddress(a).isEmpty();
    }

    private void submit() {
        if (group == null || group.isEmpty()) {
            return;
        }
        List<IpAddress> g = group;
        group = null;
        if (queued.get() + g.size() > QUEUED_CAP) {
            deferred.addAndGet(g.size()); // asked in a later run: memory stays bounded
            return;
        }
        queued.addAndGet(g.size());
        pool.execute(() -> {
            try {
                for (IpAddress a : g) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    if (System.nanoTime() - deadlineNanos >= 0) {
                        deferred.incrementAndGet();
                    } else if (!needless(a)) {
                        ask(a);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                queued.addAndGet(-g.size());
            }
        });
    }

    private void ask(IpAddress a) throws InterruptedException {
        List<URI> servers = bootstrap.forAddress(a);
        asked.incrementAndGet();
        RdapClient.Result r = rdap.get(servers.get(0).resolve("ip/" + a), deadlineNanos);
        Instant now = clock.instant();
        switch (r.outcome()) {
            case FOUND -> {
                try {
                    JsonNode body = r.body();
                    IpRange range = store.add(body, now);
                    if (!range.contains(a)) {
                        note(a + ": " + r.uri() + " answered " + range + ", which does not contain it");
                    }
                    found.incrementAndGet();
                } catch (IOException | IllegalArgumentException e) {
                    failed.incrementAndGet();
                    misses.put(a.toString(), new Miss(RegistrarAnswer.Status.FAILED, now, "unreadable answer"));
                    note(a + ": " + r.uri() + ": not an ip network object: " + Printable.value(e.getMessage()));
                }
            }
            case NOT_FOUND -> {
                notFound.incrementAndGet();
                misses.put(a.toString(), new Miss(RegistrarAnswer.Status.NOT_FOUND, now, r.detail()));
            }
            case FAILED -> {
                if (r.detail() != null && r.detail().startsWith("not asked")) {
                    deferred.incrementAndGet();
                    asked.decrementAndGet();
                } else {
                    failed.incrementAndGet();
                    misses.put(a.toString(), new Miss(RegistrarAnswer.Status.FAILED, now, r.detail()));
                    note(a + ": " + r.uri() + ": " + r.detail());
                }
            }
        }
    }

    private void note(String failure) {
        synchronized (failures) {
            if (failures.size() < 5) {
                failures.add(failure);
            }
        }
    }

    /** Queues the last group and waits for every query until the deadline; later ones are dropped. */
    void finish() throws InterruptedException {
        submit();
        pool.shutdown();
        long wait = deadlineNanos - System.nanoTime();
        if (!pool.awaitTermination(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** What the run did, for the summary. */
    record Counts(long asked, long found, long notFound, long failed, long deferred, long known, List<String> failures) {}

    Counts counts() {
        synchronized (failures) {
            return new Counts(asked.get(), found.get(), notFound.get(), failed.get(), deferred.get(), known.get(), List.copyOf(failures));
        }
    }

    private void readMisses(Path file, Consumer<String> bad) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String l;
            long n = 0;
            while ((l = in.readLine()) != null) {
                n++;
                if (l.isBlank() || l.startsWith("ip,")) {
                    continue;
                }
                String[] f = DomainStore.split(l);
                try {
                    misses.put(IpAddress.parse(f[0]).toString(), new Miss(RegistrarAnswer.Status.of(f[1]), Instant.parse(f[2]), f.length > 3 ? f[3] : null));
                } catch (RuntimeException e) {
                    bad.accept(file + ":" + n + ": not a store line: " + Printable.value(l));
                }
            }
        }
    }

    /** Writes the misses still worth remembering (younger than their TTL), sorted. */
    void writeMisses(Path dir) throws IOException {
        Instant now = clock.instant();
        Map<String, Miss> keep = new TreeMap<>();
        misses.forEach((a, m) -> {
            if (ttls.fresh(m.status().kind(), m.checked(), now)) {
                keep.put(a, m);
            }
        });
        Path file = dir.resolve(MISSES);
        if (keep.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        AtomicFile.write(file, ch -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8));
            w.write("ip,status,checked,detail");
            w.newLine();
            for (Map.Entry<String, Miss> e : keep.entrySet()) {
                w.write(e.getKey() + "," + e.getValue().status().id() + "," + e.getValue().checked() + "," + DomainStore.csv(e.getValue().detail()));
                w.newLine();
            }
            w.flush();
            return null;
        });
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

}
