package io.github.netblock.loader.resolve;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The ranges of the RDAP networks known (stored, or answered in this run) with when each was fetched,
 * to tell whether an address needs a query: an answer covers its whole range. Networks are few next
 * to addresses (one answer covers many), about 100 bytes each here. Thread-safe.
 */
final class NetworkIndex {
    /** How far back from an address's position a containing network is looked for; answers nest little. */
    private static final int LOOK_BACK = 64;

    private record Key(long high, long low, long endHigh, long endLow) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = AddressKey.compare(high, low, o.high, o.low);
            return c != 0 ? c : AddressKey.compare(endHigh, endLow, o.endHigh, o.endLow);
        }

        boolean contains(long h, long l) {
            return AddressKey.compare(high, low, h, l) <= 0 && AddressKey.compare(h, l, endHigh, endLow) <= 0;
        }
    }

    private final NavigableMap<Key, Long> fetched = new TreeMap<>();

    private static Key key(IpRange r) {
        return new Key(AddressKey.high(r.first()), AddressKey.low(r.first()), AddressKey.high(r.last()), AddressKey.low(r.last()));
    }

    /** Adds or refreshes a network. */
    synchronized void put(IpRange range, Instant when) {
        fetched.merge(key(range), when.getEpochSecond(), Math::max);
    }

    synchronized int size() {
        return fetched.size();
    }

    /** The fetch time of the most recently fetched known network containing {@code address}, or null. */
    synchronized Instant covering(IpAddress address) {
        long h = AddressKey.high(address);
        long l = AddressKey.low(address);
        Iterator<Map.Entry<Key, Long>> it = fetched.headMap(new Key(h, l, -1L, -1L), true).descendingMap().entrySet().iterator();
        Long best = null;
        for (int i = 0; i < LOOK_BACK && it.hasNext(); i++) {
            Map.Entry<Key, Long> e = it.next();
            if (e.getKey().contains(h, l) && (best == null || e.getValue() > best)) {
                best = e.getValue();
            }
        }
        return best == null ? null : Instant.ofEpochSecond(best);
    }
}
