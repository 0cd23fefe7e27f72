package io.github.netblock.benchmarks.ingest;

import io.github.netblock.benchmarks.synthetic.Zipf;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.processor.NetblockProcessor;
import io.github.netblock.ingest.processor.NetblockProcessorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.index.VersionType;
import org.elasticsearch.ingest.IngestDocument;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code netblock} processor on IngestDocuments, against the bundled database (real
 * ip-location-db data; path in {@code -Dnetblock.bench.bundled}, default the one the ingest-plugin/bundled-database
 * build wrote; any other database works, e.g. the RIPE-scale one for WHOIS blocks with every field). Attack-log
 * traffic: 10,000 IPv4 addresses drawn Zipf(1.0): routed addresses where the database has a routing view (as the
 * bundled one), else addresses inside random IPv4 blocks.
 * {@code newDocument} alone is the baseline to subtract: building the IngestDocument. {@code documentWorkInTarget} is
 * the floor of the processor as it writes what the default properties write for a routed address: the same document
 * operations (read {@code source.ip}, take the target object {@code source}, put {@code as.number},
 * {@code as.organization.name}, {@code geo.country_iso_code} into its maps) with constant values, no lookup;
 * {@code documentWork} the same with a check and a set per field through the IngestDocument.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class ProcessorBenchmark {
    private static final int SAMPLES = 1 << 16;

    /** Which fields: all defaults, or only the netblock name and AS number. */
    @Param({"defaults", "name+as"})
    public String properties;

    private DatabaseRegistry registry;
    private NetblockProcessor processor;
    private String[] ips;
    private int cursor;
    private Path work;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path bundled = Path.of(System.getProperty("netblock.bench.bundled",
                "ingest-plugin/bundled-database/target/classes/io/github/netblock/ingest/database/default.nbdb"));
        work = Files.createTempDirectory("netblock-processor-bench");
        registry = new DatabaseRegistry(work.resolve("ingest-netblock"), work, Clock.systemUTC(), Duration.ofDays(36500));
        registry.loadBundled(Files.newInputStream(bundled));
        Map<String, Object> config = new HashMap<>(Map.of("field", "source.ip"));
        if (properties.equals("name+as")) {
            config.put("properties", List.of("netblock.name", "as.number"));
        }
        processor = new NetblockProcessorFactory(registry).create(Map.of(), null, null, config);

        SplittableRandom rnd = new SplittableRandom(42);
        String[] attackers = new String[10_000];
        try (var lease = registry.acquire(DatabaseRegistry.DEFAULT)) {
            NetblockDatabase db = lease.database();
            int v4 = (int) db.metadata().counts().v4Blocks();
            for (int i = 0; i < attackers.length; i++) {
                long a;
                if (db.hasRoutingData()) {
                    do {
                        a = rnd.nextInt() & 0xFFFF_FFFFL;
                    } while (db.originAs(IpAddress.ofV4((int) a)).isEmpty());
                } else {
                    IpRange r = db.block(rnd.nextInt(v4)).range();
                    long size = r.last().low() - r.first().low() + 1;
                    a = r.first().low() + rnd.nextLong(size);
                }
                attackers[i] = (a >>> 24) + "." + ((a >>> 16) & 255) + "." + ((a >>> 8) & 255) + "." + (a & 255);
            }
        }
        Zipf zipf = new Zipf(attackers.length);
        ips = new String[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            ips[i] = attackers[zipf.next(rnd)];
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        registry.close();
        Files.deleteIfExists(work);
    }

    private IngestDocument document() {
        Map<String, Object> source = new HashMap<>();
        source.put("ip", ips[cursor = (cursor + 1) & (SAMPLES - 1)]);
        Map<String, Object> doc = new HashMap<>();
        doc.put("source", source);
        return new IngestDocument("logs-nginx", "1", 1, null, VersionType.INTERNAL, doc);
    }

    @Benchmark
    public IngestDocument newDocument() {
        return document();
    }

    /** What {@code documentWork} writes: path and value (null: the AS number), made once, outside the measured code. */
    private static final String[][] DEFAULT_OUTPUT = {{"source.as.number", null}, {"source.as.organization.name", "GOOGLE"},
        {"source.geo.country_iso_code", "US"}};
    private static final Long AS_NUMBER = 15169L;

    @Benchmark
    public IngestDocument documentWork() {
        IngestDocument d = document();
        if (d.hasField("source.ip") && d.getFieldValue("source.ip", Object.class, true) != null) {
            if (!d.hasField("source.as.number")) {
                for (String[] f : DEFAULT_OUTPUT) {
                    if (!d.hasField(f[0])) {
                        d.setFieldValue(f[0], f[1] == null ? AS_NUMBER : f[1]);
                    }
                }
            }
        }
        return d;
    }

    /**
     * The floor of the processor as it writes now: read {@code source.ip}, take the target object {@code source} once
     * and put the three fields into its maps (new {@code as}, {@code as.organization} and {@code geo} objects), as
     * {@code setFieldValue} would, with constant values and no lookup.
     */
    @Benchmark
    @SuppressWarnings("unchecked")
    public IngestDocument documentWorkInTarget() {
        IngestDocument d = document();
        if (d.getFieldValue("source.ip", Object.class, true) != null
                && d.getFieldValue("source", Object.class, true) instanceof Map<?, ?> target) {
            Map<String, Object> source = (Map<String, Object>) target;
            if (!(source.get("as") instanceof Map<?, ?> as && as.get("number") != null)) {
                Map<String, Object> organization = new HashMap<>();
                organization.put("name", DEFAULT_OUTPUT[1][1]);
                Map<String, Object> as = new HashMap<>();
                as.put("number", AS_NUMBER);
                as.put("organization", organization);
                source.put("as", as);
            }
            if (!(source.get("geo") instanceof Map<?, ?> geo && geo.get("country_iso_code") != null)) {
                Map<String, Object> geo = new HashMap<>();
                geo.put("country_iso_code", DEFAULT_OUTPUT[2][1]);
                source.put("geo", geo);
            }
        }
        return d;
    }

    @Benchmark
    public IngestDocument execute() {
        return processor.execute(document());
    }
}
