package io.github.netblock.loader.feed;

/**
 * The origin AS of a range: its number and its name (the organisation of an IP-to-ASN feed, else
 * the {@code as-name} of its {@code aut-num} object), null while unknown.
 */
public record OriginAs(long number, String name) {
    public OriginAs withName(String n) {
        return new OriginAs(number, n);
    }
}
