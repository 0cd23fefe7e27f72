package io.github.netblock.loader.resolve;

import io.github.netblock.index.ip.IpAddress;

/**
 * An address as one unsigned 128-bit number for sorting and merging: IPv4 as its IPv4-mapped IPv6
 * form ({@code ::ffff:a.b.c.d}), the order Elasticsearch's {@code ip} field sorts in. Two longs, no
 * object per address in the sorted spill files.
 */
final class AddressKey {
    private static final long MAPPED = 0xFFFF_0000_0000L;

    private AddressKey() {}

    static long high(IpAddress a) {
        return a.isV4() ? 0 : a.high();
    }

    static long low(IpAddress a) {
        return a.isV4() ? MAPPED | (a.low() & 0xFFFF_FFFFL) : a.low();
    }

    static IpAddress address(long high, long low) {
        if (high == 0 && (low >>> 32) == 0xFFFFL) {
            return IpAddress.ofV4((int) low);
        }
        return IpAddress.ofV6(high, low);
    }

    static int compare(long high1, long low1, long high2, long low2) {
        int c = Long.compareUnsigned(high1, high2);
        return c != 0 ? c : Long.compareUnsigned(low1, low2);
    }

    static int compare(IpAddress a, IpAddress b) {
        return compare(high(a), low(a), high(b), low(b));
    }
}
