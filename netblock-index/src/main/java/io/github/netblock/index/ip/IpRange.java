package io.github.netblock.index.ip;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * An inclusive range of addresses of one family: {@code 192.0.2.0 - 192.0.2.255}, a CIDR prefix
 * ({@code 2001:db8::/32}) or one address. WHOIS ranges are not always CIDR prefixes, so the range
 * is the general form and {@link #toCidrs()} gives the minimal prefix list.
 */
public record IpRange(IpAddress first, IpAddress last) implements Comparable<IpRange> {

    public IpRange {
        if (first.family() != last.family()) {
            throw new IllegalArgumentException("range mixes IPv4 and IPv6: " + first + " - " + last);
        }
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("range start after its end: " + first + " - " + last);
        }
    }

    /**
     * Parses {@code a - b} (the RPSL inetnum form, spaces optional), {@code a/len} or a single address.
     *
     * @throws InvalidIpException naming the text
     */
    public static IpRange parse(String text) {
        if (text == null) {
            throw new InvalidIpException("null", "no text");
        }
        String s = text.strip();
        int slash = s.indexOf('/');
        if (slash >= 0) {
            return parseCidr(s, slash, text);
        }
        int dash = s.indexOf('-');
        if (dash >= 0) {
            IpAddress a = parsePart(s.substring(0, dash).strip(), text);
            IpAddress b = parsePart(s.substring(dash + 1).strip(), text);
            if (a.family() != b.family()) {
                throw new InvalidIpException(text, "range mixes IPv4 and IPv6");
            }
            if (a.compareTo(b) > 0) {
                throw new InvalidIpException(text, "range start is after its end");
            }
            return new IpRange(a, b);
        }
        IpAddress one = parsePart(s, text);
        return new IpRange(one, one);
    }

    private static IpAddress parsePart(String part, String whole) {
        try {
            return IpAddress.parse(part);
        } catch (InvalidIpException e) {
            throw new InvalidIpException(whole, e.getMessage());
        }
    }

    private static IpRange parseCidr(String s, int slash, String whole) {
        IpAddress base = parsePart(s.substring(0, slash).strip(), whole);
        String lenText = s.substring(slash + 1).strip();
        int len;
        try {
            len = Integer.parseInt(lenText);
        } catch (NumberFormatException e) {
            throw new InvalidIpException(whole, "prefix length is not a number");
        }
        int bits = base.family().bits();
        if (len < 0 || len > bits || lenText.startsWith("+")) {
            throw new InvalidIpException(whole, "prefix length must be 0.." + bits);
        }
        IpRange r = cidr(base, len);
        if (!r.first().equals(base)) {
            throw new InvalidIpException(whole, "host bits are set (the prefix starts at " + r.first() + ")");
        }
        return r;
    }

    /** The prefix of {@code length} bits that contains {@code address}. */
    public static IpRange cidr(IpAddress address, int length) {
        int bits = address.family().bits();
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length must be 0.." + bits + ": " + length);
        }
        int hostBits = bits - length;
        long maskHi;
        long maskLo;
        if (address.isV4()) {
            maskHi = 0;
            maskLo = hostBits == 32 ? 0xFFFF_FFFFL : (1L << hostBits) - 1;
        } else {
            maskLo = hostBits >= 64 ? -1L : (1L << hostBits) - 1;
            maskHi = hostBits <= 64 ? 0 : (hostBits == 128 ? -1L : (1L << (hostBits - 64)) - 1);
        }
        IpAddress first = new IpAddress(address.family(), address.high() & ~maskHi, address.low() & ~maskLo & familyMaskLo(address));
        IpAddress last = new IpAddress(address.family(), address.high() | maskHi, address.low() | maskLo);
        return new IpRange(first, last);
    }

    private static long familyMaskLo(IpAddress a) {
        return a.isV4() ? 0xFFFF_FFFFL : -1L;
    }

    public IpFamily family() {
        return first.family();
    }

    public boolean contains(IpAddress address) {
        return address.family() == family() && first.compareTo(address) <= 0 && address.compareTo(last) <= 0;
    }

    /** True when {@code other} lies inside this range (equal ranges contain each other). */
    public boolean contains(IpRange other) {
        return other.family() == family() && first.compareTo(other.first) <= 0 && other.last.compareTo(last) <= 0;
    }

    public boolean overlaps(IpRange other) {
        return other.family() == family() && first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
    }

    /** Overlap where neither range contains the other (such blocks cannot form a containment tree). */
    public boolean partiallyOverlaps(IpRange other) {
        return overlaps(other) && !contains(other) && !other.contains(this);
    }

    /** Number of addresses (up to 2^128). */
    public BigInteger size() {
        return toBig(last).subtract(toBig(first)).add(BigInteger.ONE);
    }

    private static BigInteger toBig(IpAddress a) {
        return new BigInteger(1, a.toBytes());
    }

    /** The prefix length when this range is exactly one CIDR prefix, otherwise -1. */
    public int prefixLength() {
        // one prefix exactly when first and last differ in a run of low bits: first has them all
        // 0, last all 1, and every higher bit is equal
        long dHi = first.high() ^ last.high();
        long dLo = first.low() ^ last.low();
        boolean lowRun = dHi == 0 ? (dLo & (dLo + 1)) == 0 : (dLo == -1L && (dHi & (dHi + 1)) == 0);
        if (!lowRun || (first.high() & dHi) != 0 || (first.low() & dLo) != 0) {
            return -1;
        }
        return family().bits() - hostBits(first, last);
    }

    public boolean isCidr() {
        return prefixLength() >= 0;
    }

    /** The minimal list of CIDR prefixes that covers exactly this range, in address order. */
    public List<IpRange> toCidrs() {
        if (isCidr()) {
            return List.of(this);
        }
        List<IpRange> out = new ArrayList<>();
        IpAddress cursor = first;
        int bits = family().bits();
        while (true) {
            // Largest aligned block starting at cursor that does not pass `last`.
            int size = Math.min(trailingZeros(cursor, bits), bits);
            while (size > 0 && cidr(cursor, bits - size).last.compareTo(last) > 0) {
                size--;
            }
            IpRange block = cidr(cursor, bits - size);
            out.add(block);
            if (block.last.equals(last)) {
                break;
            }
            cursor = block.last.next();
        }
        return out;
    }

    private static int trailingZeros(IpAddress a, int bits) {
        if (a.low() != 0) {
            return Math.min(Long.numberOfTrailingZeros(a.low()), bits);
        }
        if (bits == 32) {
            return 32;
        }
        return a.high() == 0 ? 128 : 64 + Long.numberOfTrailingZeros(a.high());
    }

    /** Host bits of a range known to be one prefix. */
    private static int hostBits(IpAddress first, IpAddress last) {
        long dHi = last.high() ^ first.high();
        long dLo = last.low() ^ first.low();
        if (dHi != 0) {
            return 64 + (64 - Long.numberOfLeadingZeros(dHi));
        }
        return 64 - Long.numberOfLeadingZeros(dLo);
    }

    /** {@code a/len} when a CIDR prefix, otherwise {@code first - last}. */
    @Override
    public String toString() {
        int len = prefixLength();
        if (len >= 0) {
            return first + "/" + len;
        }
        return first + " - " + last;
    }

    /** Always {@code first - last}, the form an Elasticsearch ip_range field accepts as from/to. */
    public String toRangeString() {
        return first + " - " + last;
    }

    /** Order by first address, then the wider range first (the order of a pre-order tree walk). */
    @Override
    public int compareTo(IpRange o) {
        int c = first.compareTo(o.first);
        return c != 0 ? c : o.last.compareTo(last);
    }
}
