package io.github.netblock.index.ip;

/** The two address families. IPv4 addresses use the low 32 bits of {@link IpAddress#low()}. */
public enum IpFamily {
    IPV4(32),
    IPV6(128);

    private final int bits;

    IpFamily(int bits) {
        this.bits = bits;
    }

    /** Address width in bits: 32 or 128. */
    public int bits() {
        return bits;
    }
}
