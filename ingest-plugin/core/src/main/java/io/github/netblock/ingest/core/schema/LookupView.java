package io.github.netblock.ingest.core.schema;

import static io.github.netblock.index.format.NbdbFormat.NO_BLOCK;

import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.model.OriginAs;
import io.github.netblock.index.model.RegistrarEntry;
import io.github.netblock.index.model.ReverseDnsEntry;
import io.github.netblock.index.read.BlockAttribute;
import io.github.netblock.index.read.NetblockDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a database knows of one address, as plain maps and lists in the processor's field
 * names (each block through {@link NetblockField}, as the processor's {@code netblock} object), so
 * that the plugin's {@code _netblock/lookup} API and {@code netblock-loader lookup --json} answer
 * alike and a new block field shows up in all three.
 */
public final class LookupView {
    private LookupView() {}

    /**
     * {@code {ip, netblocks: [narrowest first], as, geo, reverse_dns, registrar}}; absent values are left out.
     * {@code as} and {@code geo.country_iso_code} are the processor's: the routed range's origin AS, else
     * that of the narrowest block that has one; the location view's country, else the registry's
     * country of the narrowest block that names one. {@code hit} tells whether the database knew
     * anything of the address (for the lookup counters).
     */
    public record View(Map<String, Object> body, boolean hit) {}

    public static View of(NetblockDatabase db, IpAddress ip) {
        IpAddress a = ip.unmapped();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ip", a.toString());
        List<Object> blocks = new ArrayList<>();
        int first = db.findBlock(a);
        for (int id = first; id != NO_BLOCK; id = db.parentOf(id)) {
            Map<String, Object> block = NetblockField.objectOf(NetblockField.ALL, db, id);
            put(block, "as", as(db, id));
            put(block, "source", db.attribute(id, BlockAttribute.SOURCE));
            blocks.add(block);
        }
        out.put("netblocks", blocks);
        OriginAs routed = db.originAs(a).orElse(null);
        if (routed != null) {
            out.put("as", as(routed.number(), routed.organization()));
        } else if (first != NO_BLOCK) {
            int origin = Annotator.originAsBlock(db, first);
            put(out, "as", origin == NO_BLOCK ? null : as(db, origin));
        }
        String country = db.country(a).orElse(null);
        if (country == null && first != NO_BLOCK) {
            country = Annotator.countryOf(db, first);
        }
        if (country != null) {
            out.put("geo", Map.of("country_iso_code", country));
        }
        NetblockDatabase.ReverseDnsHit hit = db.reverseDnsHit(a, true);
        if (hit != null) {
            ReverseDnsEntry e = hit.entry();
            Map<String, Object> rdns = new LinkedHashMap<>();
            rdns.put("domain", e.name());
            put(rdns, "registered_domain", e.registeredDomain());
            put(rdns, "top_level_domain", e.topLevelDomain());
            put(rdns, "first_seen", e.firstSeen() == null ? null : e.firstSeen().toString());
            put(rdns, "last_seen", e.lastSeen() == null ? null : e.lastSeen().toString());
            out.put("reverse_dns", rdns);
            RegistrarEntry r = hit.registrar();
            if (r != null) {
                Map<String, Object> registrar = new LinkedHashMap<>();
                registrar.put("name", r.name());
                put(registrar, "iana_id", r.ianaId());
                out.put("registrar", registrar);
            }
        }
        return new View(out, first != NO_BLOCK || out.containsKey("as") || country != null || hit != null);
    }

    /** The block's own AS, or null. */
    private static Map<String, Object> as(NetblockDatabase db, int id) {
        long number = db.asNumber(id);
        return number < 0 ? null : as(number, db.attribute(id, BlockAttribute.AS_NAME));
    }

    private static Map<String, Object> as(long number, String organization) {
        Map<String, Object> as = new LinkedHashMap<>();
        as.put("number", number);
        put(as, "organization", organization == null ? null : Map.of("name", organization));
        return as;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
