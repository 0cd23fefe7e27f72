package io.github.netblock.index.model;

import io.github.netblock.index.ip.IpRange;
import java.time.Instant;
import java.util.Objects;

/**
 * One WHOIS netblock (an inetnum / inet6num / NetRange) with the attributes the processor writes.
 * Every attribute but the range is optional (null when unknown).
 *
 * @param range        the addresses of the block; not always a CIDR prefix
 * @param name         netname, e.g. {@code ICCSAT871}
 * @param handle       registry handle (ARIN NetHandle, RIPE/APNIC primary key text)
 * @param description  first {@code descr:} line(s)
 * @param status       registry status, e.g. {@code ASSIGNED PA}
 * @param country      ISO 3166 alpha-2 (or {@code EU}, {@code ZZ} as registries write them)
 * @param ownerId      organisation handle, e.g. {@code ORG-EXAM1-RIPE}
 * @param ownerName    organisation name
 * @param abuseEmail   abuse mailbox
 * @param registry     the registry that holds the block: RIPE, APNIC, ARIN, LACNIC, AFRINIC, IANA, ...
 * @param lastModified when the registry last changed the object
 * @param asNumber     origin AS of the narrowest routed prefix covering the block, null when unknown
 * @param asName       name of that AS
 * @param source       name of the feed the block came from (one of the builder's declared sources)
 */
public record Netblock(
        IpRange range,
        String name,
        String handle,
        String description,
        String status,
        String country,
        String ownerId,
        String ownerName,
        String abuseEmail,
        String registry,
        Instant lastModified,
        Long asNumber,
        String asName,
        String source) {

    public Netblock {
        Objects.requireNonNull(range, "range");
        if (asNumber != null && (asNumber < 0 || asNumber > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("AS number out of range: " + asNumber);
        }
    }

    public static Builder builder(IpRange range) {
        return new Builder(range);
    }

    public static Builder builder(String range) {
        return new Builder(IpRange.parse(range));
    }

    public Builder toBuilder() {
        Builder b = new Builder(range);
        b.name = name;
        b.handle = handle;
        b.description = description;
        b.status = status;
        b.country = country;
        b.ownerId = ownerId;
        b.ownerName = ownerName;
        b.abuseEmail = abuseEmail;
        b.registry = registry;
        b.lastModified = lastModified;
        b.asNumber = asNumber;
        b.asName = asName;
        b.source = source;
        return b;
    }

    /** Fluent construction; attributes left unset stay null. */
    public static final class Builder {
        private IpRange range;
        private String name;
        private String handle;
        private String description;
        private String status;
        private String country;
        private String ownerId;
        private String ownerName;
        private String abuseEmail;
        private String registry;
        private Instant lastModified;
        private Long asNumber;
        private String asName;
        private String source;

        private Builder(IpRange range) {
            this.range = range;
        }

        public Builder range(IpRange v) { range = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder handle(String v) { handle = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder status(String v) { status = v; return this; }
        public Builder country(String v) { country = v; return this; }
        public Builder ownerId(String v) { ownerId = v; return this; }
        public Builder ownerName(String v) { ownerName = v; return this; }
        public Builder abuseEmail(String v) { abuseEmail = v; return this; }
        public Builder registry(String v) { registry = v; return this; }
        public Builder lastModified(Instant v) { lastModified = v; return this; }
        public Builder asNumber(Long v) { asNumber = v; return this; }
        public Builder asName(String v) { asName = v; return this; }
        public Builder source(String v) { source = v; return this; }

        public Netblock build() {
            return new Netblock(range, name, handle, description, status, country, ownerId, ownerName,
                    abuseEmail, registry, lastModified, asNumber, asName, source);
        }
    }
}
