package io.github.netblock.index.builder;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.index.read.OpenOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random nested, duplicated and overlapping block sets, IPv4 and IPv6, built into real files and
 * compared answer by answer (narrowest block and the whole chain) with {@link BruteForceOracle}.
 */
class DatabaseMatchesOracleTest {
    private static final BigInteger MAX_V4 = BigInteger.TWO.pow(32).subtract(BigInteger.ONE);
    private static final BigInteger MAX_V6 = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);
    private static final int WINDOW = 256;
    private static final int[][] V4_SHAPES = {{16, 8, 8}, {8, 8, 8, 8}, {1}, {12, 12, 8}, {4, 4, 4, 4, 4, 4, 4, 4}};
    private static final int[][] V6_SHAPES = {{16, 8, 8, 8}, {16, 16, 8, 8, 8, 8}, {16, 16, 16, 16}, {1}, {8, 8, 8, 8, 8, 8, 8, 8}, {12, 12, 12, 12, 16}};
    private static Path dir;

    @BeforeContainer
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("nbdb-properties");
    }

    @AfterContainer
    static void deleteDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }

    /** A random case: a 256-address window somewhere (often at the very start or end of the space). */
    record Case(boolean v6, BigInteger base, long seed, int blocks, int shape, int leafSize) {}

    @Provide
    Arbitrary<Case> v4Cases() {
        return cases(false);
    }

    @Provide
    Arbitrary<Case> v6Cases() {
        return cases(true);
    }

    private static Arbitrary<Case> cases(boolean v6) {
        BigInteger max = v6 ? MAX_V6 : MAX_V4;
        BigInteger lastWindow = max.subtract(BigInteger.valueOf(WINDOW - 1));
        Arbitrary<BigInteger> base = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.just(BigInteger.ZERO)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(lastWindow)),
                // windows that straddle a carry: 2^64 for IPv6, 2^16 (a radix root slot border) for both
                net.jqwik.api.Tuple.of(2, Arbitraries.just(BigInteger.TWO.pow(v6 ? 64 : 16).subtract(BigInteger.valueOf(WINDOW / 2)))),
                net.jqwik.api.Tuple.of(6, Arbitraries.bigIntegers().between(BigInteger.ZERO, lastWindow)));
        return net.jqwik.api.Combinators.combine(base, Arbitraries.longs(), Arbitraries.integers().between(0, 40),
                        Arbitraries.integers().between(0, V4_SHAPES.length - 1), Arbitraries.of(1, 2, 16, 1000))
                .as((b, seed, n, shape, leaf) -> new Case(v6, b, seed, n, shape, leaf));
    }

    @Property(tries = 2000)
    void ipv4LookupsMatchTheOracle(@ForAll("v4Cases") Case c) {
        check(c);
    }

    @Property(tries = 2000)
    void ipv6LookupsMatchTheOracle(@ForAll("v6Cases") Case c) {
        check(c);
    }

    private static IpAddress address(boolean v6, BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[v6 ? 16 : 4];
        for (int i = 0; i < fixed.length && i < raw.length; i++) {
            fixed[fixed.length - 1 - i] = raw[raw.length - 1 - i];
        }
        return IpAddress.ofBytes(fixed);
    }

    private static void check(Case c) {
        Random rnd = new Random(c.seed());
        List<String> sources = List.of("strong", "middle", "weak");
        NetblockDatabaseBuilder builder = new NetblockDatabaseBuilder()
                .indexShape(V4_SHAPES[c.shape()], V6_SHAPES[c.shape()], c.leafSize());
        for (String s : sources) {
            builder.addSource(new SourceInfo(s, "test", null, null, 0));
        }
        List<BruteForceOracle.Input> inputs = new ArrayList<>();
        List<IpRange> ranges = new ArrayList<>();
        for (int i = 0; i < c.blocks(); i++) {
            IpRange range;
            if (!ranges.isEmpty() && rnd.nextInt(6) == 0) {
                range = ranges.get(rnd.nextInt(ranges.size())); // exact duplicate
            } else if (rnd.nextBoolean()) {
                int size = 1 << rnd.nextInt(9); // an aligned prefix inside the window (window base is not aligned)
                int start = rnd.nextInt(WINDOW / size) * size;
                range = new IpRange(address(c.v6(), c.base().add(BigInteger.valueOf(start))),
                        address(c.v6(), c.base().add(BigInteger.valueOf(start + size - 1))));
            } else {
                int start = rnd.nextInt(WINDOW);
                int end = start + rnd.nextInt(WINDOW - start);
                range = new IpRange(address(c.v6(), c.base().add(BigInteger.valueOf(start))),
                        address(c.v6(), c.base().add(BigInteger.valueOf(end))));
            }
            ranges.add(range);
            int rank = rnd.nextInt(3);
            Netblock b = Netblock.builder(range)
                    .name("B" + i)
                    .country(rnd.nextInt(3) == 0 ? null : "C" + rnd.nextInt(4))
                    .ownerName(rnd.nextInt(3) == 0 ? null : "Owner " + i)
                    .lastModified(rnd.nextBoolean() ? null : Instant.ofEpochSecond(rnd.nextInt(4)))
                    .asNumber(rnd.nextBoolean() ? null : (long) rnd.nextInt(5))
                    .source(sources.get(rank))
                    .build();
            builder.add(b);
            inputs.add(new BruteForceOracle.Input(b, rank, i));
        }
        BruteForceOracle oracle = new BruteForceOracle(inputs);
        Path file = dir.resolve("case.nbdb");
        try {
            builder.build(file);
            try (NetblockDatabase db = NetblockDatabase.open(file, OpenOptions.DEFAULT)) {
                assertThat(db.blockCount()).isEqualTo(oracle.kept().size());
                BigInteger max = c.v6() ? MAX_V6 : MAX_V4;
                BigInteger from = c.base().signum() > 0 ? c.base().subtract(BigInteger.ONE) : c.base();
                BigInteger to = c.base().add(BigInteger.valueOf(WINDOW)).min(max);
                for (BigInteger x = from; x.compareTo(to) <= 0; x = x.add(BigInteger.ONE)) {
                    IpAddress ip = address(c.v6(), x);
                    List<Netblock> expected = oracle.chain(ip);
                    List<Netblock> actual = db.lookupChain(ip);
                    assertThat(actual).as("chain of %s", ip).isEqualTo(expected);
                    int id = db.findBlock(ip);
                    assertThat(id == -1 ? null : db.block(id)).as("narrowest of %s", ip)
                            .isEqualTo(expected.isEmpty() ? null : expected.get(0));
                }
                // pre-order ids: a parent always comes before its children
                for (int id = 0; id < db.blockCount(); id++) {
                    int parent = db.parentOf(id);
                    assertThat(parent).isLessThan(id);
                    if (parent >= 0) {
                        assertThat(db.block(parent).range().contains(db.block(id).range())).isTrue();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Blocks spread over the whole space (prefixes of any length) and random query addresses. */
    @Property(tries = 500)
    void wholeSpaceLookupsMatchTheOracle(@ForAll long seed, @ForAll boolean v6) throws IOException {
        Random rnd = new Random(seed);
        NetblockDatabaseBuilder builder = new NetblockDatabaseBuilder();
        List<BruteForceOracle.Input> inputs = new ArrayList<>();
        int bits = v6 ? 128 : 32;
        List<IpAddress> probes = new ArrayList<>();
        int n = rnd.nextInt(60);
        for (int i = 0; i < n; i++) {
            IpAddress a = v6 ? IpAddress.ofV6(rnd.nextLong(), rnd.nextLong()) : IpAddress.ofV4(rnd.nextInt());
            // biased towards nesting: many blocks share the top bits of an earlier one
            if (i > 0 && rnd.nextInt(3) > 0) {
                IpAddress near = inputs.get(rnd.nextInt(i)).block().range().first();
                a = v6 ? IpAddress.ofV6(near.high(), rnd.nextBoolean() ? near.low() : rnd.nextLong())
                        : IpAddress.ofV4((near.v4Value() & 0xFFFF0000) | (rnd.nextInt() & 0xFFFF));
            }
            IpRange r = IpRange.cidr(a, rnd.nextInt(bits + 1));
            Netblock b = Netblock.builder(r).name("N" + i).build();
            builder.add(b);
            inputs.add(new BruteForceOracle.Input(b, Integer.MAX_VALUE, i));
            probes.add(r.first());
            probes.add(r.last());
            if (!r.first().isZero()) {
                probes.add(r.first().previous());
            }
            if (!r.last().isMax()) {
                probes.add(r.last().next());
            }
        }
        for (int i = 0; i < 50; i++) {
            probes.add(v6 ? IpAddress.ofV6(rnd.nextLong(), rnd.nextLong()) : IpAddress.ofV4(rnd.nextInt()));
        }
        BruteForceOracle oracle = new BruteForceOracle(inputs);
        Path file = dir.resolve("space.nbdb");
        builder.build(file);
        try (NetblockDatabase db = NetblockDatabase.open(file)) {
            for (IpAddress p : probes) {
                assertThat(db.lookupChain(p)).as("chain of %s", p).isEqualTo(oracle.chain(p));
            }
        }
    }
}
