package io.github.netblock.loader.feed.csv;

import io.github.netblock.index.ip.InvalidIpException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpFamily;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.feed.FeedFormatException;
import io.github.netblock.loader.feed.ParseErrors;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Generic range CSV feeds, as the ip-location-db data sets publish them:
 * {@code start,end,asn,organization}, {@code start,end,country}, the same with integer addresses
 * ({@code -num} files; IPv6 as 128-bit integers), or a CIDR first column ({@code cidr,asn,org}).
 * A first line whose first cell is not an address is taken as a header and skipped.
 */
public final class RangeCsvParser {
    private static final BigInteger MAX_V4 = BigInteger.valueOf(0xFFFF_FFFFL);
    private static final BigInteger MAX_V6 = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

    /** One data row: its range, the cells after the range, and its line. */
    public record Row(IpRange range, String[] values, long line) {
        /** Cell {@code i} after the range, or null when the row is shorter or the cell is empty. */
        public String value(int i) {
            return i < values.length && !values[i].isEmpty() ? values[i] : null;
        }
    }

    @FunctionalInterface
    public interface RowSink {
        void accept(Row row) throws IOException;
    }

    private RangeCsvParser() {}

    /**
     * @param numericFamily the family of integer addresses ({@code -num} files); null: IPv4 when the
     *                      number fits in 32 bits
     */
    public static long parse(Path file, IpFamily numericFamily, ParseErrors errors, RowSink sink) throws IOException {
        long rows = 0;
        try (CsvRecords records = CsvRecords.open(file, StandardCharsets.UTF_8)) {
            String[] r;
            while ((r = records.next()) != null) {
                if (r.length == 0 || (r.length == 1 && r[0].isEmpty()) || r[0].startsWith("#")) {
                    continue;
                }
                boolean cidr = r[0].indexOf('/') >= 0;
                try {
                    IpRange range;
                    int rest;
                    if (cidr) {
                        range = IpRange.parse(r[0]);
                        rest = 1;
                    } else {
                        if (r.length < 2) {
                            throw records.error("expected start,end,... but found one cell [" + Printable.value(r[0]) + "]");
                        }
                        IpAddress first = address(r[0], numericFamily);
                        IpAddress last = address(r[1], numericFamily);
                        if (first.family() != last.family() || first.compareTo(last) > 0) {
                            throw records.error("range [" + Printable.value(r[0]) + " - " + Printable.value(r[1]) + "] is empty or mixes families");
                        }
                        range = new IpRange(first, last);
                        rest = 2;
                    }
                    sink.accept(new Row(range, Arrays.copyOfRange(r, rest, r.length), records.line()));
                    rows++;
                } catch (InvalidIpException | NumberFormatException e) {
                    if (records.line() == 1) {
                        continue; // a header line
                    }
                    errors.add(records.error(e instanceof InvalidIpException ? Printable.value(e.getMessage())
                            : "invalid address [" + Printable.value(r[0]) + "] or [" + Printable.value(r.length > 1 ? r[1] : "") + "]"));
                } catch (FeedFormatException e) {
                    errors.add(e);
                }
            }
        }
        return rows;
    }

    private static IpAddress address(String text, IpFamily numericFamily) {
        if (text.indexOf('.') >= 0 || text.indexOf(':') >= 0) {
            return IpAddress.parse(text);
        }
        BigInteger v = new BigInteger(text);
        if (v.signum() < 0 || v.compareTo(MAX_V6) > 0) {
            throw new InvalidIpException(text, "integer address out of range");
        }
        boolean v4 = numericFamily == IpFamily.IPV4 || (numericFamily == null && v.compareTo(MAX_V4) <= 0);
        if (v4) {
            if (v.compareTo(MAX_V4) > 0) {
                throw new InvalidIpException(text, "integer IPv4 address above 4294967295");
            }
            return IpAddress.ofV4(v.intValue());
        }
        return IpAddress.ofV6(v.shiftRight(64).longValue(), v.longValue());
    }
}
