package io.github.netblock.benchmarks.index;

import io.github.netblock.benchmarks.synthetic.Zipf;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.index.read.OpenOptions;
import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import com.maxmind.db.Reader;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The routing and location views of the bundled database (path in {@code -Dnetblock.bench.bundled},
 * default the one the ingest-plugin/bundled-database build wrote): one lookup of each per address,
 * 10,000 routed IPv4 addresses drawn Zipf(1.0), as the processor does for {@code as.*} and
 * {@code geo.country_iso_code}. {@code maxMindCountry} answers the same question with MaxMind's reader
 * (memory-mapped, no cache, decoding the record's {@code country_code} into a constructor, as its
 * documentation does) from the mmdb its publisher built from the same CSV (path in
 * {@code -Dnetblock.bench.mmdb}), for the same addresses.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class ViewBenchmark {
    private static final int SAMPLES = 1 << 16;

    private NetblockDatabase db;
    private Reader mmdb;
    private IpAddress[] ips;
    private InetAddress[] inetAddresses;
    private int cursor;

    @Setup(Level.Trial)
    public void open() throws IOException {
        db = NetblockDatabase.open(Path.of(System.getProperty("netblock.bench.bundled",
                "ingest-plugin/bundled-database/target/classes/io/github/netblock/ingest/database/default.nbdb")), OpenOptions.NO_CHECKSUM);
        SplittableRandom rnd = new SplittableRandom(42);
        IpAddress[] attackers = new IpAddress[10_000];
        for (int i = 0; i < attackers.length; i++) {
            IpAddress a;
            do {
                a = IpAddress.ofV4(rnd.nextInt());
            } while (db.originAs(a).isEmpty());
            attackers[i] = a;
        }
        Zipf zipf = new Zipf(attackers.length);
        ips = new IpAddress[SAMPLES];
        inetAddresses = new InetAddress[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            ips[i] = attackers[zipf.next(rnd)];
            inetAddresses[i] = InetAddress.getByName(ips[i].toString());
        }
        mmdb = new Reader(new File(System.getProperty("netblock.bench.mmdb",
                "netblock-loader/src/test/resources/ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb")));
        int differ = 0;
        for (int i = 0; i < 1000; i++) {
            Country c = mmdb.get(inetAddresses[i], Country.class);
            if (!java.util.Objects.equals(c == null ? null : c.code, db.country(ips[i]).orElse(null))) {
                differ++;
            }
        }
        if (differ > 0) {
            throw new IllegalStateException(differ + " of 1,000 addresses differ between the two databases: not the same data");
        }
    }

    /** The mmdb's record, decoded as MaxMind's documentation shows. */
    public static final class Country {
        final String code;

        @MaxMindDbConstructor
        public Country(@MaxMindDbParameter(name = "country_code") String code) {
            this.code = code;
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        db.close();
        mmdb.close();
    }

    private IpAddress next() {
        return ips[cursor = (cursor + 1) & (SAMPLES - 1)];
    }

    @Benchmark
    public Object originAs() {
        return db.originAs(next());
    }

    @Benchmark
    public Object country() {
        return db.country(next());
    }

    @Benchmark
    public Object maxMindCountry() throws IOException {
        Country c = mmdb.get(inetAddresses[cursor = (cursor + 1) & (SAMPLES - 1)], Country.class);
        return c == null ? null : c.code;
    }

    @Benchmark
    public int findBlock() {
        return db.findBlock(next());
    }
}
