package io.github.netblock.benchmarks.index;

import io.github.netblock.benchmarks.synthetic.SyntheticRipeGenerator;
import io.github.netblock.benchmarks.synthetic.Zipf;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.index.read.OpenOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread lookups in the RIPE-scale database built by {@link BuildAndOpen}
 * (path in {@code -Dnetblock.bench.db}, default {@code benchmarks/data/ripe-scale.nbdb}).
 * Each invocation does {@value #BATCH} lookups over a pre-drawn address array, so the score is lookups/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class LookupBenchmark {
    static final int BATCH = 1024;
    private static final int SAMPLES = 1 << 20;

    private NetblockDatabase db;
    private int[] uniformV4;
    private int[] zipfV4;
    private long[] v6High;
    private long[] v6Low;
    private int cursor;

    @Setup(Level.Trial)
    public void open() throws IOException {
        Path file = Path.of(System.getProperty("netblock.bench.db", "benchmarks/data/ripe-scale.nbdb"));
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: run BuildAndOpen first (see benchmarks/README.md)");
        }
        db = NetblockDatabase.open(file, OpenOptions.NO_CHECKSUM);
        SplittableRandom rnd = new SplittableRandom(42);
        uniformV4 = new int[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            uniformV4[i] = rnd.nextInt();
        }
        // Attack logs: a few thousand scanners, some of them very busy. 10,000 addresses inside
        // random IPv4 blocks, drawn with a Zipf(1.0) law.
        int hot = 10_000;
        int v4Blocks = (int) db.metadata().counts().v4Blocks();
        int[] attackers = new int[hot];
        for (int i = 0; i < hot; i++) {
            IpRange r = db.block(rnd.nextInt(v4Blocks)).range();
            long size = r.last().low() - r.first().low() + 1;
            attackers[i] = (int) (r.first().low() + rnd.nextLong(size));
        }
        Zipf zipf = new Zipf(hot);
        zipfV4 = new int[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            zipfV4[i] = attackers[zipf.next(rnd)];
        }
        // IPv6: uniform over the prefixes that hold the IPv6 blocks (uniform over all of ::/0 would
        // hit nothing but the empty root slots).
        List<IpRange> regions = SyntheticRipeGenerator.ipv6Regions();
        v6High = new long[SAMPLES];
        v6Low = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            IpRange r = regions.get(rnd.nextInt(regions.size()));
            int len = r.prefixLength();
            v6High[i] = r.first().high() | (rnd.nextLong() >>> len);
            v6Low[i] = rnd.nextLong();
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        db.close();
    }

    private int next() {
        int c = cursor;
        cursor = (c + BATCH) & (SAMPLES - 1);
        return c;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int ipv4Uniform() {
        int from = next();
        int acc = 0;
        for (int i = from; i < from + BATCH; i++) {
            acc += db.findBlockV4(uniformV4[i]);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int ipv4Zipf() {
        int from = next();
        int acc = 0;
        for (int i = from; i < from + BATCH; i++) {
            acc += db.findBlockV4(zipfV4[i]);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int ipv6Uniform() {
        int from = next();
        int acc = 0;
        for (int i = from; i < from + BATCH; i++) {
            acc += db.findBlockV6(v6High[i], v6Low[i]);
        }
        return acc;
    }

    /** Lookup plus decoding the block's attributes (what the processor needs per document). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int ipv4ZipfWithAttributes() {
        int from = next();
        int acc = 0;
        for (int i = from; i < from + BATCH; i++) {
            int id = db.findBlockV4(zipfV4[i]);
            if (id >= 0) {
                Netblock b = db.block(id);
                acc += b.name().length();
            }
        }
        return acc;
    }
}
