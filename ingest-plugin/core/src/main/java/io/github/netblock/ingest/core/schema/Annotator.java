package io.github.netblock.ingest.core.schema;

import static io.github.netblock.index.format.NbdbFormat.NO_BLOCK;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.OriginAs;
import io.github.netblock.index.model.RegistrarEntry;
import io.github.netblock.index.model.ReverseDnsEntry;
import io.github.netblock.index.read.BlockAttribute;
import io.github.netblock.index.read.NetblockDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the processor writes for one address, for a fixed set of {@link OutputProperty}s: built once
 * per processor, so a lookup does only the reads its properties need. The output is keyed by path
 * under the target: the shared ECS leaves ({@code as.number}, {@code geo.country_iso_code},
 * {@code domain}, ...) and the processor's own objects ({@value #NETBLOCK}, {@value #REGISTRAR});
 * {@link OutputWriter} writes it into a document.
 *
 * <p>The origin AS is the routing view's (the AS of the routed range the address is in) where the
 * database has one for the address, else that of the narrowest block, from the narrowest up, that
 * has one: a routed prefix often cuts across registry objects, so the block tree alone would give
 * the address either the wrong AS or a coarse block in place of its WHOIS object. Likewise
 * {@code geo.country_iso_code} is the location view's country (where the address is) where the
 * database has one, else the registry's country of the narrowest block that names one; the
 * {@code netblock} object keeps the registry's own.
 */
public final class Annotator {
    public static final String NETBLOCK = "netblock";
    public static final String REGISTRAR = "registrar";

    private final Set<OutputProperty> properties;
    private final Set<NetblockField> blockFields = EnumSet.noneOf(NetblockField.class);
    private final boolean wantsAs;
    private final boolean wantsCountry;
    private final boolean wantsRegistrar;
    private final boolean wantsReverseDns;
    private final boolean wantsParents;
    private final boolean wantsRangeText;
    /**
     * Recent blocks' range text, direct-mapped by block id. Attack traffic is skewed (a few scanners
     * send most requests), so most documents meet a block seen a moment ago; making the address text
     * was the largest cost of the output. Entries are immutable and carry their database, so a swap
     * or a racing thread at worst makes the text again.
     */
    private final CachedRange[] rangeCache = new CachedRange[RANGE_CACHE_SIZE];
    private static final int RANGE_CACHE_SIZE = 1 << 12;

    private record CachedRange(NetblockDatabase db, int id, NetblockField.RangeText text) {}

    /** The database the cache was last filled from: a swap empties it, so it holds no replaced database. */
    private volatile NetblockDatabase cachedFor;

    public Annotator(Set<OutputProperty> properties) {
        this.properties = EnumSet.copyOf(properties);
        for (OutputProperty p : properties) {
            if (p.blockField() != null) {
                blockFields.add(p.blockField());
            }
        }
        this.wantsAs = properties.contains(OutputProperty.AS_NUMBER) || properties.contains(OutputProperty.AS_ORGANIZATION_NAME);
        this.wantsCountry = properties.contains(OutputProperty.GEO_COUNTRY_ISO_CODE);
        this.wantsRegistrar = properties.contains(OutputProperty.REGISTRAR_NAME) || properties.contains(OutputProperty.REGISTRAR_IANA_ID);
        this.wantsReverseDns = wantsRegistrar || properties.contains(OutputProperty.DOMAIN)
                || properties.contains(OutputProperty.REGISTERED_DOMAIN) || properties.contains(OutputProperty.TOP_LEVEL_DOMAIN);
        this.wantsParents = properties.contains(OutputProperty.NETBLOCK_PARENTS);
        this.wantsRangeText = blockFields.contains(NetblockField.KEY) || blockFields.contains(NetblockField.RANGE);
    }

    private NetblockField.RangeText rangeText(NetblockDatabase db, int id) {
        if (!wantsRangeText) {
            return null;
        }
        if (cachedFor != db) {
            Arrays.fill(rangeCache, null);
            cachedFor = db;
        }
        int slot = id & (RANGE_CACHE_SIZE - 1);
        CachedRange c = rangeCache[slot];
        if (c != null && c.id == id && c.db == db) {
            return c.text;
        }
        NetblockField.RangeText text = NetblockField.RangeText.of(db.range(id));
        rangeCache[slot] = new CachedRange(db, id, text);
        return text;
    }

    public Set<OutputProperty> properties() {
        return EnumSet.copyOf(properties);
    }

    /**
     * The result of one lookup: the output (null when the database knows nothing of the address that
     * the properties ask for), and whether it knew something (the lookup counters' hit).
     */
    public record Annotation(Map<String, Object> output, boolean hit) {}

    /** Looks the address up (IPv4-mapped IPv6 as IPv4) and shapes what the database knows of it. */
    public Annotation annotate(NetblockDatabase db, IpAddress ip) {
        IpAddress address = ip.unmapped();
        int id = db.findBlock(address);
        NetblockDatabase.ReverseDnsHit rdns = wantsReverseDns ? db.reverseDnsHit(address, wantsRegistrar) : null;
        OriginAs routed = wantsAs ? db.originAs(address).orElse(null) : null;
        String located = wantsCountry ? db.country(address).orElse(null) : null;
        if (id == NO_BLOCK && rdns == null && routed == null && located == null) {
            return new Annotation(null, false);
        }
        Map<String, Object> out = new HashMap<>(16); // at most 8 keys
        if (routed != null) {
            putIf(out, OutputProperty.AS_NUMBER, routed.number());
            putIf(out, OutputProperty.AS_ORGANIZATION_NAME, routed.organization());
        }
        if (located != null) {
            out.put(OutputProperty.GEO_COUNTRY_ISO_CODE.path(), located);
        }
        if (id != NO_BLOCK) {
            if (wantsAs && routed == null) {
                int b = originAsBlock(db, id);
                if (b != NO_BLOCK) {
                    putIf(out, OutputProperty.AS_NUMBER, db.asNumber(b));
                    if (properties.contains(OutputProperty.AS_ORGANIZATION_NAME)) {
                        putIf(out, OutputProperty.AS_ORGANIZATION_NAME, db.attribute(b, BlockAttribute.AS_NAME));
                    }
                }
            }
            if (wantsCountry && located == null) {
                putIf(out, OutputProperty.GEO_COUNTRY_ISO_CODE, countryOf(db, id));
            }
            Map<String, Object> netblock = NetblockField.objectOf(blockFields, db, id, rangeText(db, id));
            if (wantsParents) {
                List<Map<String, Object>> parents = new ArrayList<>();
                for (int p = db.parentOf(id); p != NO_BLOCK; p = db.parentOf(p)) {
                    Map<String, Object> parent = NetblockField.objectOf(blockFields, db, p, rangeText(db, p));
                    if (!parent.isEmpty()) {
                        parents.add(parent);
                    }
                }
                if (!parents.isEmpty()) {
                    netblock.put("parents", parents);
                }
            }
            if (!netblock.isEmpty()) {
                out.put(NETBLOCK, netblock);
            }
        }
        if (rdns != null) {
            ReverseDnsEntry entry = rdns.entry();
            putIf(out, OutputProperty.DOMAIN, entry.name());
            putIf(out, OutputProperty.REGISTERED_DOMAIN, entry.registeredDomain());
            putIf(out, OutputProperty.TOP_LEVEL_DOMAIN, entry.topLevelDomain());
            RegistrarEntry registrar = rdns.registrar();
            if (registrar != null) {
                Map<String, Object> r = new HashMap<>(2);
                if (properties.contains(OutputProperty.REGISTRAR_NAME) && registrar.name() != null) {
                    r.put("name", registrar.name());
                }
                if (properties.contains(OutputProperty.REGISTRAR_IANA_ID) && registrar.ianaId() != null) {
                    r.put("iana_id", registrar.ianaId());
                }
                if (!r.isEmpty()) {
                    out.put(REGISTRAR, r);
                }
            }
        }
        return out.isEmpty() ? new Annotation(null, false) : new Annotation(out, true);
    }

    private void putIf(Map<String, Object> out, OutputProperty p, Object value) {
        if (value != null && properties.contains(p)) {
            out.put(p.path(), value);
        }
    }

    /** The narrowest block, from {@code id} up, that has an origin AS (an assignment often has none of its own), or NO_BLOCK. */
    static int originAsBlock(NetblockDatabase db, int id) {
        int b = id;
        while (b != NO_BLOCK && db.asNumber(b) < 0) {
            b = db.parentOf(b);
        }
        return b;
    }

    /** The country of the narrowest block, from {@code id} up, that has one, or null. */
    static String countryOf(NetblockDatabase db, int id) {
        for (int b = id; b != NO_BLOCK; b = db.parentOf(b)) {
            String country = db.attribute(b, BlockAttribute.COUNTRY);
            if (country != null) {
                return country;
            }
        }
        return null;
    }
}
