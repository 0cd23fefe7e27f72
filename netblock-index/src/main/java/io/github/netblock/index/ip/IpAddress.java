package io.github.netblock.index.ip;

/**
 * An IPv4 or IPv6 address as an unsigned 128-bit number ({@code high}, {@code low}).
 *
 * <p>Parsing is done by hand so that no text ever reaches a name resolver: {@code
 * InetAddress.getByName("example.com")} would send a DNS query, this class never does. IPv4 octets
 * with leading zeros are rejected because some parsers read them as octal ({@code 010} = 8).
 */
public record IpAddress(IpFamily family, long high, long low) implements Comparable<IpAddress> {

    private static final long MAPPED_PREFIX = 0x0000_FFFFL;

    public IpAddress {
        if (family == null) {
            throw new IllegalArgumentException("family must not be null");
        }
        if (family == IpFamily.IPV4 && (high != 0 || (low >>> 32) != 0)) {
            throw new IllegalArgumentException("IPv4 value out of range: " + Long.toUnsignedString(low));
        }
    }

    /** An IPv4 address from its 32-bit value (as an int, the sign bit is the top address bit). */
    public static IpAddress ofV4(int value) {
        return new IpAddress(IpFamily.IPV4, 0, value & 0xFFFF_FFFFL);
    }

    public static IpAddress ofV6(long high, long low) {
        return new IpAddress(IpFamily.IPV6, high, low);
    }

    /** From 4 or 16 network-order bytes. */
    public static IpAddress ofBytes(byte[] bytes) {
        if (bytes.length == 4) {
            return ofV4(((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF));
        }
        if (bytes.length == 16) {
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (bytes[i] & 0xFF);
                lo = (lo << 8) | (bytes[i + 8] & 0xFF);
            }
            return ofV6(hi, lo);
        }
        throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
    }

    /**
     * Parses IPv4 dotted-quad or any RFC 4291 IPv6 text form (compressed, full, mixed with a dotted
     * IPv4 tail, upper or lower case, with a {@code %zone} suffix that is ignored).
     *
     * @throws InvalidIpException naming the text when it is not an address
     */
    public static IpAddress parse(String text) {
        if (text == null) {
            throw new InvalidIpException("null", "no text");
        }
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        int v4 = parseV4(text, 0, text.length(), text);
        return ofV4(v4);
    }

    private static int parseV4(String s, int from, int to, String whole) {
        int value = 0;
        int octets = 0;
        int i = from;
        while (true) {
            if (i >= to) {
                throw new InvalidIpException(whole, "IPv4 address needs 4 octets");
            }
            int start = i;
            int octet = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                octet = octet * 10 + (s.charAt(i) - '0');
                if (octet > 255) {
                    throw new InvalidIpException(whole, "IPv4 octet above 255");
                }
                i++;
            }
            if (i == start) {
                throw new InvalidIpException(whole, "IPv4 octet must be a decimal number");
            }
            if (i - start > 1 && s.charAt(start) == '0') {
                throw new InvalidIpException(whole, "IPv4 octet with a leading zero is ambiguous (octal?)");
            }
            value = (value << 8) | octet;
            octets++;
            if (octets == 4) {
                if (i != to) {
                    throw new InvalidIpException(whole, "unexpected text after the fourth IPv4 octet");
                }
                return value;
            }
            if (i >= to || s.charAt(i) != '.') {
                throw new InvalidIpException(whole, "IPv4 address needs 4 dot-separated octets");
            }
            i++;
        }
    }

    private static IpAddress parseV6(String whole) {
        int end = whole.length();
        int zone = whole.indexOf('%');
        if (zone >= 0) {
            if (zone == end - 1) {
                throw new InvalidIpException(whole, "empty zone id after %");
            }
            end = zone;
        }
        int[] groups = new int[8];
        int count = 0;
        int compressAt = -1;
        int i = 0;
        if (end >= 2 && whole.charAt(0) == ':' && whole.charAt(1) == ':') {
            compressAt = 0;
            i = 2;
        } else if (end > 0 && whole.charAt(0) == ':') {
            throw new InvalidIpException(whole, "IPv6 address cannot start with a single colon");
        }
        while (i < end) {
            if (count == 8) {
                throw new InvalidIpException(whole, "IPv6 address has more than 8 groups");
            }
            int start = i;
            int group = 0;
            while (i < end && Character.digit(whole.charAt(i), 16) >= 0 && i - start < 5) {
                group = (group << 4) | Character.digit(whole.charAt(i), 16);
                i++;
            }
            if (i < end && whole.charAt(i) == '.') {
                // Dotted IPv4 tail (IPv4-mapped ::ffff:a.b.c.d or compatible ::a.b.c.d): two groups.
                if (count > 6) {
                    throw new InvalidIpException(whole, "IPv4 tail does not fit in the IPv6 address");
                }
                int v4 = parseV4(whole, start, end, whole);
                groups[count++] = v4 >>> 16;
                groups[count++] = v4 & 0xFFFF;
                i = end;
                break;
            }
            int len = i - start;
            if (len == 0) {
                throw new InvalidIpException(whole, "empty or non-hexadecimal IPv6 group");
            }
            if (len > 4) {
                throw new InvalidIpException(whole, "IPv6 group longer than 4 hex digits");
            }
            groups[count++] = group;
            if (i == end) {
                break;
            }
            if (whole.charAt(i) != ':') {
                throw new InvalidIpException(whole, "unexpected character '" + whole.charAt(i) + "'");
            }
            i++;
            if (i < end && whole.charAt(i) == ':') {
                if (compressAt >= 0) {
                    throw new InvalidIpException(whole, ":: may appear only once");
                }
                compressAt = count;
                i++;
            } else if (i == end) {
                throw new InvalidIpException(whole, "IPv6 address cannot end with a single colon");
            }
        }
        if (compressAt >= 0) {
            if (count == 8) {
                throw new InvalidIpException(whole, ":: must stand for at least one group");
            }
            int move = count - compressAt;
            System.arraycopy(groups, compressAt, groups, 8 - move, move);
            for (int g = compressAt; g < 8 - move; g++) {
                groups[g] = 0;
            }
        } else if (count != 8) {
            throw new InvalidIpException(whole, "IPv6 address needs 8 groups or ::");
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = (hi << 16) | groups[g];
            lo = (lo << 16) | groups[g + 4];
        }
        return ofV6(hi, lo);
    }

    public boolean isV4() {
        return family == IpFamily.IPV4;
    }

    /** The 32-bit value of an IPv4 address as an int. */
    public int v4Value() {
        return (int) low;
    }

    /** True for ::ffff:a.b.c.d. */
    public boolean isV4Mapped() {
        return family == IpFamily.IPV6 && high == 0 && (low >>> 32) == MAPPED_PREFIX;
    }

    /**
     * The address a lookup uses: an IPv4-mapped IPv6 address becomes its IPv4 address, everything
     * else is itself. (IPv4-compatible {@code ::a.b.c.d} is deprecated and stays IPv6.)
     */
    public IpAddress unmapped() {
        return isV4Mapped() ? ofV4((int) low) : this;
    }

    /** Network-order bytes: 4 for IPv4, 16 for IPv6. */
    public byte[] toBytes() {
        if (isV4()) {
            int v = (int) low;
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
            b[i + 8] = (byte) (low >>> (56 - 8 * i));
        }
        return b;
    }

    public boolean isMax() {
        return isV4() ? low == 0xFFFF_FFFFL : (high == -1L && low == -1L);
    }

    public boolean isZero() {
        return high == 0 && low == 0;
    }

    /** The next address; the caller checks {@link #isMax()} first. */
    public IpAddress next() {
        if (isMax()) {
            throw new ArithmeticException("no address after " + this);
        }
        long lo = low + 1;
        long hi = (lo == 0 && !isV4()) ? high + 1 : high;
        return new IpAddress(family, hi, lo);
    }

    /** The previous address; the caller checks {@link #isZero()} first. */
    public IpAddress previous() {
        if (isZero()) {
            throw new ArithmeticException("no address before " + this);
        }
        long hi = low == 0 ? high - 1 : high;
        return new IpAddress(family, hi, low - 1);
    }

    @Override
    public int compareTo(IpAddress o) {
        if (family != o.family) {
            return family.compareTo(o.family);
        }
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }

    /** Dotted quad for IPv4; RFC 5952 canonical text for IPv6 (mapped addresses as ::ffff:a.b.c.d). */
    @Override
    public String toString() {
        if (isV4()) {
            return v4Text((int) low);
        }
        if (isV4Mapped()) {
            return "::ffff:" + v4Text((int) low);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (high >>> (48 - 16 * i)) & 0xFFFF;
            g[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLen = 1; // RFC 5952: a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    private static String v4Text(int v) {
        return (v >>> 24) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
    }
}
