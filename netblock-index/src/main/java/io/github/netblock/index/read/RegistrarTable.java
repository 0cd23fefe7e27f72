package io.github.netblock.index.read;

import static io.github.netblock.index.format.NbdbFormat.NO_AS;
import static io.github.netblock.index.format.NbdbFormat.REGISTRAR_SIZE;

import io.github.netblock.index.model.RegistrarEntry;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The registrars section: {domain, registrar name, IANA id} rows sorted by the domain's UTF-8 bytes. */
final class RegistrarTable {
    private final MappedRegion region;
    private final int count;
    private final StringPool strings;

    RegistrarTable(MappedRegion region, StringPool strings) {
        this.region = region;
        this.count = (int) (region.length() / REGISTRAR_SIZE);
        this.strings = strings;
    }

    boolean matches(long expected) {
        return region.length() % REGISTRAR_SIZE == 0 && count == expected;
    }

    /** The row of a registered domain (case-insensitive), or -1. */
    int find(String registeredDomain) {
        byte[] key = registeredDomain.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = strings.compare(region.getInt((long) mid * REGISTRAR_SIZE), key);
            if (c == 0) {
                return mid;
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /** The entry of a row, or null when the row is out of range (-1: none). */
    RegistrarEntry at(int row) {
        if (row < 0 || row >= count) {
            return null;
        }
        long at = (long) row * REGISTRAR_SIZE;
        long iana = region.getLong(at + 8);
        return new RegistrarEntry(strings.get(region.getInt(at)), strings.get(region.getInt(at + 4)), iana == NO_AS ? null : iana);
    }
}
