package io.github.netblock.loader.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.loader.progress.Progress;
import io.github.netblock.loader.testing.DnsFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TTLs, negative caching and the merge of the store across runs, on a clock the test sets. */
class StoreAndTtlTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;
    final DnsFixture dns;

    StoreAndTtlTest() throws IOException {
        dns = new DnsFixture().ptr("192.0.2.10", "scanner-10.example.com").servfail("192.0.2.13").ptr("192.0.2.20", "old-name.example.com");
    }

    @AfterEach
    void stop() throws InterruptedException {
        dns.close();
    }

    private ResolveSummary run(Instant at, String... addresses) throws IOException, InterruptedException {
        Path list = Files.writeString(dir.resolve("list-" + at.getEpochSecond() + ".txt"), String.join("\n", addresses) + "\n");
        ResolveOptions o = ResolveOptions.defaults(dir.resolve("store"))
                .withDns(List.of(new InetSocketAddress("127.0.0.1", dns.port())), Duration.ofMillis(300), 0, 8, 0)
                .withLookups(false, false, false)
                .withClock(Clock.fixed(at, ZoneOffset.UTC));
        return new ResolveRun(o, Progress.NONE, w -> { }).run(new LogFileAddresses(list, null));
    }

    private Map<String, String> store() throws IOException {
        return Files.readAllLines(dir.resolve("store/addresses.csv")).stream().skip(1)
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(',')), l -> l));
    }

    @Test
    void answersLiveSevenDaysNegativeAnswersOneDayFailuresOneHour() throws IOException, InterruptedException {
        ResolveSummary first = run(T0, "192.0.2.10", "192.0.2.12", "192.0.2.13");
        assertThat(first.asked()).isEqualTo(3);
        assertThat(first.answered()).isEqualTo(1);
        assertThat(first.nxdomain()).isEqualTo(1);
        assertThat(first.failed()).isEqualTo(1);

        assertThat(run(T0.plus(Duration.ofMinutes(30)), "192.0.2.10", "192.0.2.12", "192.0.2.13").asked()).as("all fresh").isZero();
        ResolveSummary twoHours = run(T0.plus(Duration.ofHours(2)), "192.0.2.10", "192.0.2.12", "192.0.2.13");
        assertThat(twoHours.asked()).as("only the SERVFAIL is asked again").isEqualTo(1);
        assertThat(twoHours.fresh()).isEqualTo(2);
        ResolveSummary twoDays = run(T0.plus(Duration.ofDays(2)), "192.0.2.10", "192.0.2.12", "192.0.2.13");
        assertThat(twoDays.asked()).as("NXDOMAIN and SERVFAIL").isEqualTo(2);
        ResolveSummary eightDays = run(T0.plus(Duration.ofDays(8)), "192.0.2.10", "192.0.2.12", "192.0.2.13");
        assertThat(eightDays.asked()).isEqualTo(3);
    }

    @Test
    void aNameKeepsItsFirstSeenAcrossRunsAndAFailureKeepsTheLastName() throws IOException, InterruptedException {
        run(T0, "192.0.2.10", "192.0.2.20");
        run(T0.plus(Duration.ofDays(8)), "192.0.2.10");
        assertThat(store().get("192.0.2.10")).isEqualTo("192.0.2.10,answered,scanner-10.example.com,,2026-11-20T10:00:00Z,2026-11-28T10:00:00Z,2026-11-28T10:00:00Z");

        dns.servfail("192.0.2.20");
        run(T0.plus(Duration.ofDays(9)), "192.0.2.20");
        assertThat(store().get("192.0.2.20")).as("the name of the last answer stays, the failure is recorded")
                .isEqualTo("192.0.2.20,servfail,old-name.example.com,,2026-11-20T10:00:00Z,2026-11-20T10:00:00Z,2026-11-29T10:00:00Z");
        assertThat(Files.readString(dir.resolve("store/rdns.csv"))).contains("192.0.2.20,old-name.example.com,");
    }

    @Test
    void theStoreMergesRunsAndStaysSorted() throws IOException, InterruptedException {
        run(T0, "192.0.2.10", "2001:db8::1");
        run(T0.plus(Duration.ofMinutes(1)), "192.0.2.12", "10.0.0.1", "192.0.2.10");
        List<String> lines = Files.readAllLines(dir.resolve("store/addresses.csv"));
        assertThat(lines.get(0)).isEqualTo(AddressStore.HEADER);
        List<String> ips = lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(ips).containsExactly("10.0.0.1", "192.0.2.10", "192.0.2.12", "2001:db8::1");
    }

    @Test
    void theDistinctAddressesAreSortedAcrossSpilledRuns() throws IOException {
        List<IpAddress> seen = new ArrayList<>();
        try (DistinctAddresses d = new DistinctAddresses(dir, 3)) {
            for (String a : List.of("192.0.2.9", "2001:db8::1", "192.0.2.1", "192.0.2.9", "10.0.0.1", "::ffff:192.0.2.1", "192.0.2.1", "2001:db8::1", "1.2.3.4")) {
                d.add(IpAddress.parse(a).unmapped());
            }
            DistinctAddresses.Cursor c = d.cursor();
            while (c.next()) {
                seen.add(c.address());
            }
            assertThat(d.added()).isEqualTo(9);
            assertThat(Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".run")).count()).as("it did spill").isGreaterThan(1);
        }
        assertThat(seen).extracting(IpAddress::toString).containsExactly("1.2.3.4", "10.0.0.1", "192.0.2.1", "192.0.2.9", "2001:db8::1");
    }

    @Test
    void addressRecordsAfterEachKindOfAnswer() {
        IpAddress a = IpAddress.parse("192.0.2.10");
        Instant t1 = T0.plusSeconds(60);
        AddressRecord named = AddressRecord.after(null, a, new PtrAnswer(PtrAnswer.Status.ANSWERED, "x.example.com", true, null), T0);
        assertThat(named.firstSeen()).isEqualTo(T0);
        AddressRecord renamed = AddressRecord.after(named, a, new PtrAnswer(PtrAnswer.Status.ANSWERED, "y.example.com", null, null), t1);
        assertThat(renamed.firstSeen()).as("a new name starts again").isEqualTo(t1);
        AddressRecord gone = AddressRecord.after(renamed, a, PtrAnswer.failed(PtrAnswer.Status.NXDOMAIN, null), t1);
        assertThat(gone.name()).isNull();
        assertThat(Ttls.DEFAULT.fresh(Ttls.Kind.NEGATIVE, T0, T0.plus(Duration.ofHours(23)))).isTrue();
        assertThat(Ttls.DEFAULT.fresh(Ttls.Kind.NEGATIVE, T0, T0.plus(Duration.ofHours(25)))).isFalse();
        assertThat(AddressStore.parse(AddressStore.line(named))).isEqualTo(named);
    }
}
