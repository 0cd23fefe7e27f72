package io.github.netblock.loader.resolve;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.loader.progress.Progress;
import io.github.netblock.loader.setup.ElasticsearchConnection;
import io.github.netblock.loader.testing.DnsFixture;
import io.github.netblock.loader.testing.FakeElasticsearch;
import io.github.netblock.loader.testing.RdapAnswers;
import io.github.netblock.loader.testing.RdapFixture;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Not a test: measures {@code resolve} on loopback.
 * <ol>
 * <li>rate: N distinct addresses from a file against the DNS fixture with 64 in flight (target: at
 * least 2,000 addresses/s);</li>
 * <li>memory: 1,000,000 distinct addresses paged from a server answering as Elasticsearch does,
 * each resolved against the DNS fixture, registrars and RDAP networks on (one domain, one network);
 * then the same million again, all fresh (the merge pass alone). Run it with {@code -Xmx256m}: it
 * finishes within that heap, and prints the largest heap left after a collection (the live set);</li>
 * <li>a dead RDAP server ({@code 127.0.0.1:1}, connections refused) under a store whose
 * {@code rdap-misses.csv} already holds a failure row for each of the 1,000,000 addresses, out of order
 * (what repeated runs against a dead server left before the misses were kept sorted and deferred): a
 * run while the rows are fresh (none asked), then one two hours later (every row past its 1-hour TTL:
 * three queries make the server DEAD, the rest is left for the next run, the file keeps three rows).</li>
 * </ol>
 * <pre>
 * mvn -o -q -pl netblock-loader test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx256m -cp netblock-loader/target/classes:netblock-loader/target/test-classes:$(cat netblock-loader/target/cp.txt) \
 *     io.github.netblock.loader.resolve.ResolveBenchmark [rateAddresses] [esAddresses] [deadRdapAddresses]
 * </pre>
 * 0 skips a part.
 */
public final class ResolveBenchmark {
    private ResolveBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rateN = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        long esN = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        long deadN = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        Path dir = Files.createTempDirectory("resolve-benchmark");
        try (DnsFixture dns = new DnsFixture().anyPtr(n -> "host-" + n.getLabelString(0) + "-" + n.getLabelString(1) + ".example.net");
             RdapFixture rdap = new RdapFixture()) {
            if (rateN > 0) {
                rate(dir.resolve("rate"), dns, rateN);
            }
            if (esN > 0) {
                memory(dir.resolve("memory"), dns, rdap, esN);
            }
            if (deadN > 0) {
                deadRdap(dir.resolve("dead-rdap"), dns, rdap, deadN);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static ResolveOptions options(Path store, DnsFixture dns) {
        return ResolveOptions.defaults(store)
                .withDns(List.of(new InetSocketAddress("127.0.0.1", dns.port())), Duration.ofSeconds(2), 2, 64, 0)
                .withPoliteness(new Politeness.Limits(50, 2, 3), Politeness.WHOIS_DEFAULT, Duration.ofSeconds(5), Duration.ofHours(1));
    }

    private static void rate(Path store, DnsFixture dns, int n) throws IOException, InterruptedException {
        Files.createDirectories(store);
        Path list = store.resolve("addresses.txt");
        try (BufferedWriter w = Files.newBufferedWriter(list)) {
            for (int i = 0; i < n; i++) {
                w.write(IpAddress.ofV4(0x0A00_0000 + i).toString()); // 10.0.0.0 + i: data only, never contacted
                w.newLine();
            }
        }
        ResolveSummary s = new ResolveRun(options(store, dns).withLookups(false, false, false), Progress.NONE, w -> { })
                .run(new LogFileAddresses(list, null));
        System.out.printf("rate: %,d addresses, %,d answered, 64 in flight: %.1f s, %,.0f addresses/s (DNS pass)%n", s.addresses(), s.answered(),
                s.dnsSeconds(), s.asked() / s.dnsSeconds());
    }

    private static void memory(Path store, DnsFixture dns, RdapFixture rdap, long n) throws IOException, InterruptedException {
        rdap.domain("verisign", "example.net", RdapAnswers.domain("example.net", "RESERVED-Internet Assigned Numbers Authority", 376))
                .network("apnic", "2001:db8::/32", RdapAnswers.arinNetwork("2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "EXAMPLE-V6",
                        "NET6-2001-DB8-1", "Example Hosting Inc.", "EXHO", "abuse@hosting.example"));
        Path bootstrap = Files.createDirectories(store.resolve("bootstrap"));
        Files.writeString(bootstrap.resolve("dns.json"), RdapAnswers.bootstrap("dns", new String[][] {{"net"}}, new String[] {rdap.base("verisign")}));
        Files.writeString(bootstrap.resolve("ipv4.json"), RdapAnswers.bootstrap("ipv4", new String[][] {{"192.0.2.0/24"}}, new String[] {rdap.base("arin")}));
        Files.writeString(bootstrap.resolve("ipv6.json"), RdapAnswers.bootstrap("ipv6", new String[][] {{"2001:db8::/32"}}, new String[] {rdap.base("apnic")}));
        try (FakeElasticsearch es = new FakeElasticsearch(n, i -> IpAddress.ofV6(0x2001_0db8_0000_0000L, i).toString(), null)) {
            ElasticsearchAddresses source = new ElasticsearchAddresses(new ElasticsearchConnection(es.url(), null, null, null, null),
                    "netblock-attacks-*", "source.ip", "@timestamp", "now-86400s", 1000, Duration.ofSeconds(30));
            for (String pass : List.of("first run (every address asked)", "second run (every answer fresh)")) {
                long t0 = System.nanoTime();
                ResolveSummary s;
                long live;
                try (LiveHeap heap = new LiveHeap()) {
                    s = new ResolveRun(options(store, dns), Progress.NONE, w -> System.out.println("warning: " + w)).run(source);
                    live = heap.max();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("memory, %s: %,d addresses from %,d Elasticsearch pages, %,d asked, %,d answered, %,d fresh; %,d registrar lookups, "
                                + "%,d network lookups; %.1f s (%,.0f addresses/s); store %,d bytes; heap: max %,d MB, largest live set after a GC %,d MB%n",
                        pass, s.addresses(), es.requests().size(), s.asked(), s.answered(), s.fresh(), s.registrars().asked(), s.networks().asked(),
                        seconds, s.addresses() / seconds, Files.size(store.resolve("addresses.csv")) + Files.size(store.resolve("rdns.csv")),
                        Runtime.getRuntime().maxMemory() >> 20, live >> 20);
            }
        }
    }

    private static void deadRdap(Path store, DnsFixture dns, RdapFixture rdap, long n) throws IOException, InterruptedException {
        String dead = "http://127.0.0.1:1/";
        rdap.domain("verisign", "example.net", RdapAnswers.domain("example.net", "RESERVED-Internet Assigned Numbers Authority", 376));
        Path bootstrap = Files.createDirectories(store.resolve("bootstrap"));
        Files.writeString(bootstrap.resolve("dns.json"), RdapAnswers.bootstrap("dns", new String[][] {{"net"}}, new String[] {rdap.base("verisign")}));
        Files.writeString(bootstrap.resolve("ipv4.json"), RdapAnswers.bootstrap("ipv4", new String[][] {{"192.0.2.0/24"}}, new String[] {dead}));
        Files.writeString(bootstrap.resolve("ipv6.json"), RdapAnswers.bootstrap("ipv6", new String[][] {{"2001:db8::/32"}}, new String[] {dead}));
        java.time.Instant now = java.time.Instant.now();
        try (BufferedWriter w = Files.newBufferedWriter(store.resolve(NetworkMisses.FILE))) {
            w.write(NetworkMisses.HEADER);
            w.newLine();
            for (long i = n - 1; i >= 0; i--) { // descending: out of order, as no version wrote it; sorted when opened
                w.write(IpAddress.ofV6(0x2001_0db8_0000_0000L, i) + ",failed," + now + ",connection refused by 127.0.0.1:1");
                w.newLine();
            }
        }
        System.out.printf("dead RDAP server: rdap-misses.csv with %,d rows, %,d bytes%n", n, Files.size(store.resolve(NetworkMisses.FILE)));
        try (FakeElasticsearch es = new FakeElasticsearch(n, i -> IpAddress.ofV6(0x2001_0db8_0000_0000L, i).toString(), null)) {
            ElasticsearchAddresses source = new ElasticsearchAddresses(new ElasticsearchConnection(es.url(), null, null, null, null),
                    "netblock-attacks-*", "source.ip", "@timestamp", "now-86400s", 1000, Duration.ofSeconds(30));
            for (String pass : List.of("misses fresh", "two hours later, misses past their TTL")) {
                java.time.Clock clock = pass.startsWith("two") ? java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(2))
                        : java.time.Clock.systemUTC();
                long t0 = System.nanoTime();
                ResolveSummary s;
                long live;
                try (LiveHeap heap = new LiveHeap()) {
                    s = new ResolveRun(options(store, dns).withClock(clock), Progress.NONE, w -> System.out.println("warning: " + w)).run(source);
                    live = heap.max();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Path misses = store.resolve(NetworkMisses.FILE);
                System.out.printf("dead RDAP server, %s: %,d addresses, %,d DNS asked, %,d fresh; networks %,d asked, %,d failed, %s; "
                                + "rdap-misses.csv %,d rows after; %.1f s; heap: max %,d MB, largest live set after a GC %,d MB%n",
                        pass, s.addresses(), s.asked(), s.fresh(), s.networks().asked(), s.networks().failed(),
                        s.networks().deferred().isEmpty() ? "none left" : Deferrals.text(s.networks().deferred()),
                        rows(misses), seconds, Runtime.getRuntime().maxMemory() >> 20, live >> 20);
            }
        }
    }

    private static long rows(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return 0;
        }
        try (var lines = Files.lines(csv)) {
            return lines.count() - 1;
        }
    }

    /** Samples, every 50 ms, the heap left after the latest collection (summed over the heap pools), and keeps the largest. */
    private static final class LiveHeap implements AutoCloseable {
        private volatile long max;
        private volatile boolean done;
        private final Thread sampler = new Thread(() -> {
            while (!done) {
                long sum = 0;
                for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                    MemoryUsage u = p.getType() == MemoryType.HEAP ? p.getCollectionUsage() : null;
                    sum += u == null ? 0 : u.getUsed();
                }
                max = Math.max(max, sum);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "live-heap");

        LiveHeap() {
            System.gc();
            sampler.setDaemon(true);
            sampler.start();
        }

        long max() {
            return max;
        }

        @Override
        public void close() throws InterruptedException {
            done = true;
            sampler.join();
        }
    }
}
