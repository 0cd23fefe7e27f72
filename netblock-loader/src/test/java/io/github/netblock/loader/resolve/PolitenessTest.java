package io.github.netblock.loader.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rate limiter and the per-server gate, on a clock the test moves. */
class PolitenessTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Long> sleeps = new ArrayList<>();
    private final RateLimiter.Sleeper sleeper = nanos -> {
        sleeps.add(nanos);
        now.addAndGet(nanos);
    };

    @Test
    void permitsAreSpacedEvenlyWithoutBursts() throws InterruptedException {
        RateLimiter r = new RateLimiter(2, now::get, sleeper);
        for (int i = 0; i < 4; i++) {
            assertThat(r.acquire(now.get() + 10_000_000_000L)).isTrue();
        }
        assertThat(sleeps).containsExactly(0L, 500_000_000L, 500_000_000L, 500_000_000L);
    }

    @Test
    void aPermitThatWouldComeAfterTheDeadlineIsRefusedAndNotReserved() throws InterruptedException {
        RateLimiter r = new RateLimiter(1, now::get, sleeper);
        assertThat(r.acquire(now.get() + 5_000_000_000L)).isTrue();
        assertThat(r.acquire(now.get() + 500_000_000L)).isFalse(); // the next slot is 1 s away
        assertThat(r.acquire(now.get() + 5_000_000_000L)).isTrue();
        assertThat(sleeps).containsExactly(0L, 1_000_000_000L);
    }

    @Test
    void retryAfterPausesTheServer() throws InterruptedException {
        RateLimiter r = new RateLimiter(10, now::get, sleeper);
        assertThat(r.acquire(Long.MAX_VALUE)).isTrue();
        r.pause(Duration.ofSeconds(30).toNanos());
        assertThat(r.acquire(now.get() + 60_000_000_000L)).isTrue();
        assertThat(sleeps.get(1)).isEqualTo(30_000_000_000L);
    }

    @Test
    void zeroMeansNoLimit() throws InterruptedException {
        RateLimiter r = new RateLimiter(0, now::get, sleeper);
        for (int i = 0; i < 1000; i++) {
            assertThat(r.acquire(now.get() + 1)).isTrue();
        }
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aServerIsDeadAfterFailuresInARowAndThenSkipped() throws InterruptedException {
        ServerGate g = new ServerGate("rdap 192.0.2.1", 100, 2, 3, now::get, sleeper);
        for (int i = 0; i < 2; i++) {
            try (ServerGate.Permit p = g.enter(now.get() + 1_000_000_000L)) {
                g.failed("connection refused");
            }
        }
        try (ServerGate.Permit p = g.enter(now.get() + 1_000_000_000L)) {
            g.answered(); // an answer resets the count
        }
        for (int i = 0; i < 3; i++) {
            try (ServerGate.Permit p = g.enter(now.get() + 1_000_000_000L)) {
                g.failed("connection refused");
            }
        }
        assertThat(g.dead()).isTrue();
        assertThat(g.deadReason()).contains("connection refused").contains("3 failures in a row");
        assertThat(g.enter(now.get() + 1_000_000_000L)).isNull();
        assertThat(g.stats().skipped()).isEqualTo(1);
        assertThat(g.stats().queries()).isEqualTo(6);
    }

    @Test
    void noMoreThanTheConcurrencyLimitInFlight() throws InterruptedException {
        ServerGate g = new ServerGate("whois 192.0.2.1", 0, 2, 3, System::nanoTime, RateLimiter.THREAD_SLEEP);
        ServerGate.Permit a = g.enter(System.nanoTime() + 1_000_000_000L);
        ServerGate.Permit b = g.enter(System.nanoTime() + 1_000_000_000L);
        assertThat(a).isNotNull();
        assertThat(b).isNotNull();
        assertThat(g.enter(System.nanoTime() + 50_000_000L)).as("a third waits, and gives up at its deadline").isNull();
        a.close();
        assertThat(g.enter(System.nanoTime() + 50_000_000L)).isNotNull();
    }

    @Test
    void retryAfterInSecondsOrAsADate() {
        assertThat(RdapClient.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(RdapClient.retryAfter(null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(RdapClient.retryAfter("soon")).isEqualTo(Duration.ofSeconds(10));
        assertThat(RdapClient.retryAfter("86400")).as("capped").isEqualTo(Duration.ofMinutes(10));
        assertThat(RdapClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).as("a date in the past").isEqualTo(Duration.ZERO);
    }
}
