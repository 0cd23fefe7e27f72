package io.github.netblock.loader.resolve;

import io.github.netblock.index.file.AtomicFile;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.loader.feed.dns.RegisteredDomains;
import io.github.netblock.loader.progress.Progress;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One {@code resolve} run over the store folder:
 * <ol>
 * <li>the source's addresses are sorted and deduplicated ({@link DistinctAddresses}: bounded memory);</li>
 * <li>one streaming pass merges them with the sorted store ({@link AddressStore}): an address whose
 * stored answer is younger than its TTL is copied, the others are asked (PTR, many in flight) and
 * written in order as their answers come, through a bounded window; addresses not seen stay as they
 * were; the new store and the {@code rdns.csv} feed replace the old ones atomically;</li>
 * <li>meanwhile the registered domain of each PTR name goes to {@link RegistrarLookups} (once per
 * domain) and each address to {@link NetworkFinder} (once per network);</li>
 * <li>when the pass is done, those finish (until the deadline) and the registrar and network halves of
 * the store are written.</li>
 * </ol>
 * One run at a time per store: a second one is refused while the first holds the store's lock.
 */
public final class ResolveRun {
    private static final int WARNINGS = 5;
    /** How often the progress of the registrar and network lookups after the pass is looked at. */
    private static final long FINISH_TICK_MILLIS = 250;

    private final ResolveOptions options;
    private final Progress progress;
    private final Consumer<String> warnings;
    private final AtomicLong warned = new AtomicLong();

    /** @param warnings told the first bad input lines and store lines (file:line: value) */
    public ResolveRun(ResolveOptions options, Progress progress, Consumer<String> warnings) {
        this.options = options;
        this.progress = progress;
        this.warnings = warnings;
    }

    private void warn(String w) {
        if (warned.incrementAndGet() <= WARNINGS) {
            warnings.accept(w);
        }
    }

    public ResolveSummary run(AddressSource source) throws IOException, InterruptedException {
        long started = System.nanoTime();
        long deadline = started + options.deadline().toNanos();
        Path dir = options.store();
        Files.createDirectories(dir);
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(lockFile, dir)) {
            return run(source, dir, started, deadline);
        }
    }

    private static FileLock tryLock(FileChannel ch, Path dir) throws IOException {
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            throw new IOException(dir + ": another resolve is using this store; try again when it is done");
        }
        return l;
    }

    private ResolveSummary run(AddressSource source, Path dir, long started, long deadline) throws IOException, InterruptedException {
        // 1. the distinct addresses, sorted
        long[] bad = {0};
        DistinctAddresses distinct = new DistinctAddresses(dir, options.memoryAddresses());
        try (distinct) {
            try (Progress.Task reading = progress.start("reading addresses from " + source.describe(), -1, "addresses")) {
                source.read(new AddressSource.Sink() {
                    @Override
                    public void address(IpAddress address) {
                        distinct.add(address);
                        reading.advance(1);
                    }

                    @Override
                    public void bad(String message) {
                        bad[0]++;
                        warn(message);
                    }
                });
            }
            return resolve(source, distinct, bad[0], dir, started, deadline);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private ResolveSummary resolve(AddressSource source, DistinctAddresses distinct, long bad, Path dir, long started, long deadline)
            throws IOException, InterruptedException {
        long[] storeWarnings = {0};
        Consumer<String> storeBad = w -> {
            storeWarnings[0]++;
            warn(w);
        };
        Politeness politeness = new Politeness(options.rdap(), options.whois());
        RdapClient rdap = new RdapClient(politeness, options.httpTimeout());
        RdapBootstrap bootstrap = RdapBootstrap.load(dir.resolve("bootstrap"));
        DomainStore domains = DomainStore.read(dir.resolve(DomainStore.FILE), storeBad);
        RegistrarLookups registrars = !options.registrars() ? null : new RegistrarLookups(
                new RegistrarFinder(bootstrap, rdap, new WhoisQuery(politeness, options.whoisAddresses(), options.httpTimeout()), options.ianaWhois()),
                domains, options.ttls(), options.clock(), deadline, 4);
        Pass pass = new Pass();
        try (NetworkStore networkStore = new NetworkStore(dir, storeBad);
             PtrResolver dns = new PtrResolver(options.dnsServers(), options.dnsTimeout(), options.dnsRetries(), options.dnsInFlight(), options.dnsRate());
             NetworkFinder networks = !options.networks() ? null
                     : new NetworkFinder(bootstrap, rdap, networkStore, dir, options.ttls(), options.clock(), deadline, 8,
                             Math.max(1, options.memoryAddresses() / 8), storeBad)) {
            long dnsStart = System.nanoTime();
            // 2. the merge pass; 3. registrars and networks meanwhile
            AtomicFile.write(dir.resolve(AddressStore.FILE), storeChannel -> AtomicFile.write(dir.resolve(AddressStore.RDNS), rdnsChannel -> {
                // the channels stay open: AtomicFile forces them to disk before the rename; the writer flushes
                Writer s = new OutputStreamWriter(Channels.newOutputStream(storeChannel), StandardCharsets.UTF_8);
                Writer r = new OutputStreamWriter(Channels.newOutputStream(rdnsChannel), StandardCharsets.UTF_8);
                try (AddressStore.Writer out = new AddressStore.Writer(s, r);
                     AddressStore.Reader old = new AddressStore.Reader(dir.resolve(AddressStore.FILE), storeBad);
                     Progress.Task task = progress.start("resolving", -1, "addresses")) {
                    pass.merge(distinct.cursor(), old, out, dns, registrars, networks, deadline, task);
                    pass.stored = out.records();
                    pass.names = out.names();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                return null;
            }));
            if (pass.names == 0) {
                Files.deleteIfExists(dir.resolve(AddressStore.RDNS)); // the build refuses a feed without records
            }
            double dnsSeconds = (System.nanoTime() - dnsStart) / 1e9;
            // 4. the rest, until the deadline; then the other halves of the store
            finish(registrars, networks, deadline);
            long domainsKnown = domains.write(dir);
            long networksStored = networkStore.write(storeBad);
            if (networks != null) {
                networks.writeMisses();
            }
            return new ResolveSummary(source.describe(), distinct.added(), bad, pass.seen, pass.fresh, pass.asked, pass.answered, pass.nxdomain,
                    pass.failed, pass.confirmed, pass.unconfirmed, pass.deferred.byCause(), dns.servers(), dns.dead(), dnsSeconds, pass.stored, pass.names,
                    registrars == null ? null : registrars.counts(), domainsKnown, networks == null ? null : networks.counts(), networksStored,
                    politeness.stats(), storeWarnings[0], Duration.ofNanos(System.nanoTime() - started));
        } finally {
            if (registrars != null) {
                registrars.close();
            }
        }
    }

    /**
     * Waits for the registrar and network lookups still queued when the pass is done, until the
     * deadline (then the rest is stopped and left for the next run), with progress: the lookups done of
     * those waiting (domains and addresses), what was found so far beside them.
     */
    private void finish(RegistrarLookups registrars, NetworkFinder networks, long deadline) throws InterruptedException {
        if (registrars != null) {
            registrars.shutdown();
        }
        if (networks != null) {
            networks.shutdown();
        }
        long total = pending(registrars, networks);
        long tick = TimeUnit.MILLISECONDS.toNanos(FINISH_TICK_MILLIS);
        if (total == 0) { // all done during the pass: no progress to show
            tick = Math.max(0, deadline - System.nanoTime());
        }
        try (Progress.Task task = total == 0 ? Progress.NONE.start("", 0, "") : progress.start("registrars and RDAP networks", total, "lookups")) {
            long reported = 0;
            while (true) {
                boolean done = (registrars == null || registrars.awaitTermination(tick)) && (networks == null || networks.awaitTermination(tick));
                long left = pending(registrars, networks);
                if (total - left > reported) {
                    task.detail(finishing(registrars, networks));
                    task.advance(total - left - reported);
                    reported = total - left;
                }
                if (done) {
                    return;
                }
                if (System.nanoTime() - deadline >= 0) {
                    if (registrars != null) {
                        registrars.stop();
                    }
                    if (networks != null) {
                        networks.stop();
                    }
                    return;
                }
            }
        }
    }

    private static long pending(RegistrarLookups registrars, NetworkFinder networks) {
        return (registrars == null ? 0 : registrars.pending()) + (networks == null ? 0 : networks.pending());
    }

    /** "registrars: 3 found, 1 failed; networks: 12 found, 2 not found" */
    private static String finishing(RegistrarLookups registrars, NetworkFinder networks) {
        StringBuilder b = new StringBuilder();
        if (registrars != null) {
            RegistrarLookups.Counts c = registrars.counts();
            b.append(String.format("registrars: %,d found, %,d failed", c.found(), c.failed()));
        }
        if (networks != null) {
            NetworkFinder.Counts c = networks.counts();
            b.append(b.length() == 0 ? "" : "; ").append(String.format("networks: %,d found, %,d not found, %,d failed", c.found(), c.notFound(), c.failed()));
        }
        return b.toString();
    }

    /** The merge pass and its counts. */
    private final class Pass {
        long seen;
        long fresh;
        long asked;
        long answered;
        long nxdomain;
        long failed;
        long confirmed;
        long unconfirmed;
        final Deferrals deferred = new Deferrals();
        long stored;
        long names;

        /** An address of the pass: its stored record and, when asked, the answer to come. */
        private record Pending(IpAddress address, AddressRecord old, CompletableFuture<PtrAnswer> answer, boolean seen) {}

        void merge(DistinctAddresses.Cursor in, AddressStore.Reader old, AddressStore.Writer out, PtrResolver dns, RegistrarLookups registrars,
                   NetworkFinder networks, long deadline, Progress.Task task) throws IOException, InterruptedException {
            int window = Math.max(1024, options.dnsInFlight() * 8);
            ArrayDeque<Pending> pending = new ArrayDeque<>();
            AddressRecord o = old.next();
            boolean more = in.next();
            Duration grace = options.dnsTimeout().multipliedBy(2L * (options.dnsRetries() + 1));
            while (more || o != null) {
                int c = !more ? -1 : o == null ? 1 : AddressKey.compare(AddressKey.high(o.address()), AddressKey.low(o.address()), in.high(), in.low());
                if (c < 0) { // stored, not seen in this run: kept as it is
                    pending.add(new Pending(o.address(), o, null, false));
                    o = old.next();
                } else {
                    IpAddress a = in.address();
                    AddressRecord stored = c == 0 ? o : null;
                    if (c == 0) {
                        o = old.next();
                    }
                    more = in.next();
                    seen++;
                    if (networks != null) {
                        networks.seen(a);
                    }
                    Instant now = options.clock().instant();
                    if (stored != null && stored.fresh(options.ttls(), now)) {
                        fresh++;
                        pending.add(new Pending(a, stored, null, true));
                    } else {
                        CompletableFuture<PtrAnswer> f = System.nanoTime() - deadline >= 0 ? null : dns.resolve(a, options.confirm(), deadline);
                        if (f == null) { // the resolvers are dead for the run, or the deadline came first
                            deferred.add(dns.dead() != null ? "DNS " + dns.servers() + " DEAD" : Deferrals.DEADLINE);
                        } else {
                            asked++;
                        }
                        pending.add(new Pending(a, stored, f, true));
                    }
                    task.advance(1);
                }
                while (!pending.isEmpty() && (pending.size() > window || pending.peek().answer() == null || pending.peek().answer().isDone())) {
                    write(pending.poll(), out, registrars, deadline, grace);
                }
            }
            while (!pending.isEmpty()) {
                write(pending.poll(), out, registrars, deadline, grace);
            }
        }

        private void write(Pending p, AddressStore.Writer out, RegistrarLookups registrars, long deadline, Duration grace) throws IOException,
                InterruptedException {
            AddressRecord r = p.old();
            if (p.answer() != null) {
                PtrAnswer a;
                try {
                    long wait = Math.max(deadline - System.nanoTime(), 0) + grace.toNanos();
                    a = p.answer().get(wait, TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    a = null;
                }
                if (a == null) {
                    deferred.add(Deferrals.DEADLINE);
                    asked--;
                } else {
                    r = AddressRecord.after(p.old(), p.address(), a, options.clock().instant());
                    switch (a.status()) {
                        case ANSWERED -> answered++;
                        case NXDOMAIN, NODATA -> nxdomain++;
                        default -> failed++;
                    }
                    if (a.confirmed() != null) {
                        if (a.confirmed()) {
                            confirmed++;
                        } else {
                            unconfirmed++;
                        }
                    }
                }
            }
            if (r == null) {
                return; // new, and not answered before the deadline: the next run asks
            }
            if (registrars != null && r.name() != null && p.seen()) {
                RegisteredDomains.Split split = RegisteredDomains.split(r.name());
                if (split != null && split.registeredDomain() != null) {
                    registrars.seen(split.registeredDomain());
                }
            }
            out.write(r);
        }

    }
}
