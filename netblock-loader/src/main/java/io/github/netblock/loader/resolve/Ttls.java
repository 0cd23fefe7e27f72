package io.github.netblock.loader.resolve;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a stored answer stays good before it is asked again: an answer {@code ttl} (default 7
 * days), a negative answer (NXDOMAIN, no PTR record, no such domain or network) {@code negative}
 * (default 1 day), a failure (SERVFAIL, timeout, a server that refused or was unreachable)
 * {@code failure} (default 1 hour). Decided when read, from the time of the check: a changed
 * {@code --ttl} applies to everything stored.
 */
public record Ttls(Duration ttl, Duration negative, Duration failure) {
    public static final Ttls DEFAULT = new Ttls(Duration.ofDays(7), Duration.ofDays(1), Duration.ofHours(1));

    /** What kind of result a stored answer is, for its TTL. */
    public enum Kind { ANSWER, NEGATIVE, FAILURE }

    public Duration of(Kind kind) {
        return switch (kind) {
            case ANSWER -> ttl;
            case NEGATIVE -> negative;
            case FAILURE -> failure;
        };
    }

    /** Whether a result of {@code kind} checked at {@code checked} is still good at {@code now}. */
    public boolean fresh(Kind kind, Instant checked, Instant now) {
        return checked != null && checked.plus(of(kind)).isAfter(now);
    }
}
