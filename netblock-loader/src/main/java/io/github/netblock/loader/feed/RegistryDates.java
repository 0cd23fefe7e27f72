package io.github.netblock.loader.feed;

import io.github.netblock.ingest.core.text.Printable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

/**
 * Dates as the registries write them, read strictly. A date that does not exist ({@code 20030230})
 * is an {@link InvalidDateException} for the parser to count as a bad record with its file and line;
 * it never escapes as a runtime exception that stops the whole build.
 */
public final class RegistryDates {
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private RegistryDates() {}

    /** A date the registry wrote that is not one. */
    public static final class InvalidDateException extends Exception {
        public InvalidDateException(String message) {
            super(message);
        }
    }

    /**
     * {@code yyyymmdd} (RPSL {@code changed:}, delegated statistics) or the old {@code yymmdd} of
     * RIPE-181 era {@code changed:} lines (19yy from 70 on, else 20yy), as midnight UTC.
     */
    public static Instant compact(String digits) throws InvalidDateException {
        String d = digits;
        if (d.matches("\\d{6}")) {
            d = (Integer.parseInt(d.substring(0, 2)) >= 70 ? "19" : "20") + d;
        }
        if (!d.matches("\\d{8}")) {
            throw new InvalidDateException("[" + Printable.value(digits) + "] is not a date (yyyymmdd)");
        }
        try {
            return inRange(LocalDate.parse(d, COMPACT).atStartOfDay(ZoneOffset.UTC).toInstant(), digits);
        } catch (DateTimeException e) {
            throw new InvalidDateException("[" + Printable.value(digits) + "] is not a date (" + Printable.value(e.getMessage()) + ")");
        }
    }

    /** {@code yyyy-mm-dd} (ARIN's {@code RegDate:}, {@code Updated:}), as midnight UTC. */
    public static Instant isoDate(String text) throws InvalidDateException {
        try {
            return inRange(LocalDate.parse(text, ISO_DATE).atStartOfDay(ZoneOffset.UTC).toInstant(), text);
        } catch (DateTimeException e) {
            throw new InvalidDateException("[" + Printable.value(text) + "] is not a date (yyyy-mm-dd)");
        }
    }

    /** An ISO-8601 instant ({@code last-modified: 2016-04-14T10:03:28Z}). */
    public static Instant instant(String text) throws InvalidDateException {
        try {
            return inRange(Instant.parse(text), text);
        } catch (DateTimeException e) {
            throw new InvalidDateException("[" + Printable.value(text) + "] is not a time (yyyy-mm-ddThh:mm:ssZ)");
        }
    }

    /** The end of the years a database keeps (its times are unsigned 32-bit seconds, which end early in 2106). */
    public static final Instant END = Instant.parse("2106-01-01T00:00:00Z");

    /** No registry wrote a date before 1970 (or after 2105): such a value is a typo, counted as a bad record. */
    private static Instant inRange(Instant t, String text) throws InvalidDateException {
        if (t.isBefore(Instant.EPOCH) || !t.isBefore(END)) {
            throw new InvalidDateException("[" + Printable.value(text) + "] is not a registry date (before 1970 or after 2105)");
        }
        return t;
    }
}
