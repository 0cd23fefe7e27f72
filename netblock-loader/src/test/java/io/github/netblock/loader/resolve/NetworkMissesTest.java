package io.github.netblock.loader.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.netblock.index.ip.IpAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rdap-misses.csv}: sorted like the address store, read alongside the sorted addresses of a run,
 * this run's misses spilled in sorted runs of a bounded size, merged in one streaming pass that drops
 * what is past its TTL (defaults: 1 day after a 404, 1 hour after a failure).
 */
class NetworkMissesTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Clock AT_T0 = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    private Path file() {
        return dir.resolve(NetworkMisses.FILE);
    }

    private List<String> rows() throws IOException {
        return Files.readAllLines(file()).stream().skip(1).toList();
    }

    private long tempFiles() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(".")).count();
        }
    }

    @Test
    void staleRowsAreDroppedFreshOnesKeptAndThisRunsRowsMergedInAddressOrder() throws IOException {
        Files.writeString(file(), NetworkMisses.HEADER + "\n"
                + "192.0.2.1,not_found,2026-11-18T10:00:00Z,HTTP 404\n"       // 2 days: past the 1-day negative TTL
                + "192.0.2.2,not_found,2026-11-20T08:00:00Z,HTTP 404\n"       // 2 hours: fresh
                + "192.0.2.3,failed,2026-11-20T08:00:00Z,connection refused\n" // 2 hours: past the 1-hour failure TTL
                + "192.0.2.4,failed,2026-11-20T09:30:00Z,HTTP 503\n"          // 30 minutes: fresh, asked again below anyway
                + "198.51.100.9,not_found,2026-11-20T09:00:00Z,HTTP 404\n"    // fresh, but inside a network known now
                + "2001:db8::1,not_found,2026-11-20T09:00:00Z,HTTP 404\n");   // fresh
        List<String> warnings = new ArrayList<>();
        try (NetworkMisses m = new NetworkMisses(dir, Ttls.DEFAULT, AT_T0, 2, warnings::add)) {
            // the run's addresses, ascending, as the merge pass gives them
            assertThat(m.fresh(ip("10.0.0.1"))).isNull();
            assertThat(m.fresh(ip("192.0.2.1"))).as("stale").isNull();
            assertThat(m.fresh(ip("192.0.2.2"))).isNotNull().extracting(NetworkMisses.Miss::detail).isEqualTo("HTTP 404");
            assertThat(m.fresh(ip("192.0.2.3"))).as("stale").isNull();
            assertThat(m.fresh(ip("2001:db8::1"))).isNotNull();
            m.add(ip("203.0.113.5"), RegistrarAnswer.Status.FAILED, T0, "no answer within 15 s");
            m.add(ip("10.0.0.1"), RegistrarAnswer.Status.NOT_FOUND, T0, "HTTP 404");
            m.add(ip("192.0.2.4"), RegistrarAnswer.Status.NOT_FOUND, T0, "HTTP 404");
            assertThat(m.write(a -> a.equals(ip("198.51.100.9")))).isEqualTo(5);
        }
        assertThat(rows()).containsExactly(
                "10.0.0.1,not_found,2026-11-20T10:00:00Z,HTTP 404",
                "192.0.2.2,not_found,2026-11-20T08:00:00Z,HTTP 404",
                "192.0.2.4,not_found,2026-11-20T10:00:00Z,HTTP 404", // this run's answer replaces the stored failure
                "203.0.113.5,failed,2026-11-20T10:00:00Z,no answer within 15 s",
                "2001:db8::1,not_found,2026-11-20T09:00:00Z,HTTP 404");
        assertThat(warnings).isEmpty();
        assertThat(tempFiles()).as("the spilled runs are gone").isZero();

        // two days later every row is past its TTL: no file at all
        try (NetworkMisses later = new NetworkMisses(dir, Ttls.DEFAULT, Clock.fixed(T0.plus(Duration.ofDays(2)), ZoneOffset.UTC), 2, warnings::add)) {
            assertThat(later.fresh(ip("192.0.2.2"))).isNull();
            assertThat(later.write(a -> false)).isZero();
        }
        assertThat(file()).doesNotExist();
    }

    @Test
    void memoryHoldsAtMostTheBufferHoweverManyRowsTheRunAndTheFileHave() throws IOException {
        // 1,000 misses of this run, in random order, through a buffer of 8 rows
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(7));
        try (NetworkMisses m = new NetworkMisses(dir, Ttls.DEFAULT, AT_T0, 8, w -> { })) {
            for (int i : order) {
                m.add(IpAddress.ofV4(0xC000_0200 + i * 256), RegistrarAnswer.Status.NOT_FOUND, T0, "HTTP 404"); // 192.0.2.0 + i * 256
                assertThat(m.maxHeld()).isLessThanOrEqualTo(8);
            }
            assertThat(tempFiles()).as("spilled as sorted runs of 8").isEqualTo(125);
            assertThat(m.write(a -> false)).isEqualTo(1000);
        }
        List<String> rows = rows();
        assertThat(rows).hasSize(1000);
        assertThat(rows.get(0)).startsWith("192.0.2.0,");
        assertThat(rows.get(1)).startsWith("192.0.3.0,");
        assertThat(rows.get(999)).startsWith("192.3.233.0,"); // 192.0.2.0 + 999 * 256 = 192.3.233.0
        for (int i = 1; i < rows.size(); i++) {
            String a = rows.get(i - 1);
            String b = rows.get(i);
            assertThat(AddressKey.compare(ip(a.substring(0, a.indexOf(','))), ip(b.substring(0, b.indexOf(','))))).isNegative();
        }

        // the next run reads the 1,000 rows one at a time alongside its addresses, and adds 1 row: still 8 rows at most
        try (NetworkMisses m = new NetworkMisses(dir, Ttls.DEFAULT, AT_T0, 8, w -> { })) {
            int fresh = 0;
            for (int i = 0; i < 1000; i += 10) {
                fresh += m.fresh(IpAddress.ofV4(0xC000_0200 + i * 256)) != null ? 1 : 0;
            }
            assertThat(fresh).isEqualTo(100);
            m.add(ip("198.51.100.1"), RegistrarAnswer.Status.FAILED, T0, "HTTP 500");
            assertThat(m.maxHeld()).isEqualTo(1);
            assertThat(m.write(a -> false)).isEqualTo(1001);
        }
    }

    @Test
    void aFileSortedAsTextByAnOlderVersionIsSortedWhenOpenedAndABadLineIsToldOnce() throws IOException {
        // what the older NetworkFinder wrote: a TreeMap of address strings, so 10 < 192 < 2001: < 9
        Files.writeString(file(), NetworkMisses.HEADER + "\n"
                + "10.0.0.1,failed,2026-11-20T09:30:00Z,ConnectException\n"
                + "192.0.2.7,not_found,2026-11-20T09:00:00Z,HTTP 404\n"
                + "2001:db8::1,not_found,2026-11-20T09:00:00Z,HTTP 404\n"
                + "not an address,failed,2026-11-20T09:00:00Z,x\n"
                + "9.9.9.9,not_found,2026-11-20T09:00:00Z,HTTP 404\n");
        List<String> warnings = new ArrayList<>();
        try (NetworkMisses m = new NetworkMisses(dir, Ttls.DEFAULT, AT_T0, 2, warnings::add)) {
            assertThat(m.maxHeld()).isLessThanOrEqualTo(2);
            assertThat(rows()).extracting(r -> r.substring(0, r.indexOf(','))).containsExactly("9.9.9.9", "10.0.0.1", "192.0.2.7", "2001:db8::1");
            assertThat(m.fresh(ip("9.9.9.9"))).isNotNull();
            assertThat(m.fresh(ip("10.0.0.1"))).isNotNull();
            assertThat(m.fresh(ip("192.0.2.7"))).isNotNull();
            assertThat(m.write(a -> false)).isEqualTo(4);
        }
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w).contains("rdap-misses.csv:5").contains("not an address"));
    }
}
