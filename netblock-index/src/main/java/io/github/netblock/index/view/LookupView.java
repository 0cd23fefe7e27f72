package io.github.netblock.index.view;

import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.read.LookupResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lookup result as plain maps and lists, in the field names of the processor's output, so that
 * the plugin's {@code _netblock/lookup} API and {@code netblock-loader lookup --json} answer alike.
 */
public final class LookupView {
    private LookupView() {}

    /**
     * {@code {ip, netblocks: [narrowest first], as, reverse_dns, registrar}}; absent values are left out.
     * {@code as} is the origin AS of the narrowest block that has one.
     */
    public static Map<String, Object> of(LookupResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ip", r.address().toString());
        List<Object> blocks = new ArrayList<>();
        Map<String, Object> as = null;
        for (Netblock b : r.netblocks()) {
            blocks.add(netblock(b));
            if (as == null && b.asNumber() != null) {
                as = as(b);
            }
        }
        out.put("netblocks", blocks);
        put(out, "as", as);
        if (r.reverseDns() != null) {
            Map<String, Object> rdns = new LinkedHashMap<>();
            rdns.put("domain", r.reverseDns().name());
            put(rdns, "registered_domain", r.reverseDns().registeredDomain());
            put(rdns, "top_level_domain", r.reverseDns().topLevelDomain());
            put(rdns, "first_seen", r.reverseDns().firstSeen() == null ? null : r.reverseDns().firstSeen().toString());
            put(rdns, "last_seen", r.reverseDns().lastSeen() == null ? null : r.reverseDns().lastSeen().toString());
            out.put("reverse_dns", rdns);
        }
        if (r.registrar() != null) {
            Map<String, Object> registrar = new LinkedHashMap<>();
            registrar.put("name", r.registrar().name());
            put(registrar, "iana_id", r.registrar().ianaId());
            out.put("registrar", registrar);
        }
        return out;
    }

    /** One block: range, cidr, name, handle, description, status, country, registry, dates, owner, abuse, AS, source. */
    public static Map<String, Object> netblock(Netblock b) {
        Map<String, Object> m = new LinkedHashMap<>();
        IpRange r = b.range();
        Map<String, Object> range = new LinkedHashMap<>();
        range.put("gte", r.first().toString());
        range.put("lte", r.last().toString());
        m.put("range", range);
        m.put("cidr", r.toCidrs().stream().map(IpRange::toString).toList());
        put(m, "name", b.name());
        put(m, "handle", b.handle());
        put(m, "description", b.description());
        put(m, "status", b.status());
        put(m, "country_iso_code", b.country());
        put(m, "registry", b.registry());
        put(m, "last_modified", b.lastModified() == null ? null : b.lastModified().toString());
        Map<String, Object> owner = new LinkedHashMap<>();
        put(owner, "id", b.ownerId());
        put(owner, "name", b.ownerName());
        put(m, "owner", owner.isEmpty() ? null : owner);
        put(m, "abuse", b.abuseEmail() == null ? null : Map.of("email", b.abuseEmail()));
        put(m, "as", b.asNumber() == null ? null : as(b));
        put(m, "source", b.source());
        return m;
    }

    private static Map<String, Object> as(Netblock b) {
        Map<String, Object> as = new LinkedHashMap<>();
        as.put("number", b.asNumber());
        put(as, "organization", b.asName() == null ? null : Map.of("name", b.asName()));
        return as;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
