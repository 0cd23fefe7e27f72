package io.github.netblock.loader.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-26T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void plainLinesComeAtMostEveryIntervalAndWhenALongTaskEnds() {
        StringWriter out = new StringWriter();
        ManualClock clock = new ManualClock();
        Progress p = new Progress.Lines(new PrintWriter(out), clock, Duration.ofSeconds(10));
        try (Progress.Task t = p.start("ripe.db.inetnum.gz", 100L << 20, "bytes")) {
            t.advance(10L << 20);
            clock.now = clock.now.plusSeconds(5);
            t.advance(10L << 20); // not yet 10 s
            clock.now = clock.now.plusSeconds(6);
            t.advance(5L << 20);
        }
        assertThat(out.toString().lines()).containsExactly(
                "ripe.db.inetnum.gz: 25 MB of 100 MB (25%)",
                "ripe.db.inetnum.gz: 25 MB of 100 MB (25%), done");
        StringWriter blocks = new StringWriter();
        try (Progress.Task t = new Progress.Lines(new PrintWriter(blocks), clock, Duration.ofSeconds(10)).start("ripe", -1, "blocks")) {
            t.advance(1234);
        }
        assertThat(blocks.toString()).isEmpty(); // short tasks are summed up by the caller, not here
    }
}
