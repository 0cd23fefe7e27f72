package io.github.netblock.benchmarks.index;

import io.github.netblock.benchmarks.synthetic.SyntheticRipeGenerator;
import io.github.netblock.index.builder.BuildReport;
import io.github.netblock.index.builder.NetblockDatabaseBuilder;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.index.read.OpenOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * End-to-end measurement of the build and of opening: generates the RIPE-scale synthetic set,
 * builds it (reporting time and the peak heap of the build, so run it with -Xmx2g to prove the
 * 2 GB budget), then measures file size, open time with and without the checksum, and the heap
 * one open database costs.
 *
 * <pre>java -Xmx2g -cp benchmarks/target/benchmarks.jar io.github.netblock.benchmarks.index.BuildAndOpen [file] [v4Blocks] [v6Blocks]</pre>
 */
public final class BuildAndOpen {
    private BuildAndOpen() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "benchmarks/data/ripe-scale.nbdb");
        long v4 = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000;
        long v6 = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        Files.createDirectories(file.toAbsolutePath().getParent());

        resetPeaks();
        long t0 = System.nanoTime();
        SyntheticRipeGenerator gen = new SyntheticRipeGenerator(20261126L, v4, v6);
        NetblockDatabaseBuilder builder = new NetblockDatabaseBuilder()
                .description("synthetic RIPE-scale benchmark set")
                .dataDate(Instant.parse("2026-11-26T00:00:00Z"))
                .addSource(new SourceInfo("synthetic", "generated", "20261126", Instant.parse("2026-11-26T00:00:00Z"), 0));
        if (System.getProperty("netblock.bench.v4Strides") != null) {
            builder.indexShape(strides("netblock.bench.v4Strides", null),
                    strides("netblock.bench.v6Strides", NetblockDatabaseBuilder.DEFAULT_V6_STRIDES),
                    Integer.getInteger("netblock.bench.leafSize", NetblockDatabaseBuilder.DEFAULT_LEAF_SIZE));
        }
        gen.generate(builder::add);
        long t1 = System.nanoTime();
        BuildReport report = builder.build(file);
        long t2 = System.nanoTime();
        long peakHeap = peakHeap();
        builder = null;

        System.out.printf("blocks generated      %,d IPv4 + %,d IPv6%n", gen.v4Count(), gen.v6Count());
        System.out.printf("generate + add        %.1f s%n", (t1 - t0) / 1e9);
        System.out.printf("build + write         %.1f s%n", (t2 - t1) / 1e9);
        System.out.printf("peak heap (build)     %,d MB of max %,d MB%n", peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
        var c = report.metadata().counts();
        System.out.printf("stored blocks         %,d IPv4 + %,d IPv6 (merged %d, dropped %d)%n", c.v4Blocks(), c.v6Blocks(),
                c.mergedDuplicates(), c.droppedOverlaps());
        System.out.printf("intervals             %,d IPv4 + %,d IPv6%n", c.v4Intervals(), c.v6Intervals());
        System.out.printf("file size             %,d MB%n", Files.size(file) >> 20);

        System.gc();
        openTimes(file, OpenOptions.NO_CHECKSUM, "open (no checksum)");
        openTimes(file, OpenOptions.DEFAULT, "open (with checksum)");

        // Heap cost of an open database: open many at once and divide the heap growth.
        int n = 50;
        long before = usedHeapAfterGc();
        List<NetblockDatabase> open = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            open.add(NetblockDatabase.open(file, OpenOptions.NO_CHECKSUM));
        }
        long after = usedHeapAfterGc();
        System.out.printf("heap per open db      %,d bytes (%d opened)%n", (after - before) / n, n);
        for (NetblockDatabase db : open) {
            db.close();
        }
    }

    /** An index shape from a system property such as {@code 16,8,8}, for comparing shapes. */
    private static int[] strides(String property, int[] fallback) {
        String v = System.getProperty(property);
        return v == null ? fallback : Arrays.stream(v.split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray();
    }

    private static void openTimes(Path file, OpenOptions options, String label) throws Exception {
        double[] ms = new double[7];
        for (int i = 0; i < ms.length; i++) {
            long s = System.nanoTime();
            try (NetblockDatabase db = NetblockDatabase.open(file, options)) {
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
        }
        Arrays.sort(ms);
        System.out.printf("%-21s median %.1f ms (min %.1f, max %.1f)%n", label, ms[ms.length / 2], ms[0], ms[ms.length - 1]);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
