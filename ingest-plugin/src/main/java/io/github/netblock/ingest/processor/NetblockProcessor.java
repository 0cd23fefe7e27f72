package io.github.netblock.ingest.processor;

import static org.elasticsearch.ingest.ConfigurationUtils.newConfigurationException;
import static org.elasticsearch.ingest.ConfigurationUtils.readBooleanProperty;
import static org.elasticsearch.ingest.ConfigurationUtils.readOptionalList;
import static org.elasticsearch.ingest.ConfigurationUtils.readOptionalStringProperty;
import static org.elasticsearch.ingest.ConfigurationUtils.readStringProperty;

import io.github.netblock.index.format.NbdbFormat;
import io.github.netblock.index.ip.InvalidIpException;
import io.github.netblock.index.ip.IpAddress;
import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.model.Netblock;
import io.github.netblock.index.model.RegistrarEntry;
import io.github.netblock.index.model.ReverseDnsEntry;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.ingest.database.DatabaseLease;
import io.github.netblock.ingest.database.DatabaseRegistry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.common.logging.HeaderWarning;
import org.elasticsearch.ingest.AbstractProcessor;
import org.elasticsearch.ingest.IngestDocument;
import org.elasticsearch.ingest.Processor;

/**
 * The {@code netblock} processor: reads an IP from {@code field} and writes what the netblock
 * database knows of it under {@code target_field}. One memory-mapped lookup per IP, no network.
 */
public final class NetblockProcessor extends AbstractProcessor {
    public static final String TYPE = "netblock";
    public static final String TAG_UNAVAILABLE = "_netblock_database_unavailable";
    public static final String TAG_STALE = "_netblock_database_stale";

    private final String field;
    private final String targetField;
    private final Set<Property> properties;
    private final boolean ignoreMissing;
    private final boolean firstOnly;
    private final String databaseName;
    private final boolean override;
    private final DatabaseRegistry registry;

    NetblockProcessor(String tag, String description, String field, String targetField, Set<Property> properties,
                      boolean ignoreMissing, boolean firstOnly, String databaseName, boolean override, DatabaseRegistry registry) {
        super(tag, description);
        this.field = field;
        this.targetField = targetField;
        this.properties = properties;
        this.ignoreMissing = ignoreMissing;
        this.firstOnly = firstOnly;
        this.databaseName = databaseName;
        this.override = override;
        this.registry = registry;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    String field() {
        return field;
    }

    String targetField() {
        return targetField;
    }

    Set<Property> properties() {
        return properties;
    }

    @Override
    public IngestDocument execute(IngestDocument document) {
        Object value = document.getFieldValue(field, Object.class, ignoreMissing);
        if (value == null) {
            if (ignoreMissing) {
                return document;
            }
            throw new IllegalArgumentException("field [" + field + "] is null, cannot look up its netblock");
        }
        List<IpAddress> ips = addresses(value);
        try (DatabaseLease lease = registry.acquire(databaseName)) {
            if (lease == null) {
                document.appendFieldValue("tags", TAG_UNAVAILABLE, false);
                return document;
            }
            if (lease.isStale()) {
                document.appendFieldValue("tags", TAG_STALE, false);
                HeaderWarning.addWarning("netblock database [{}] is older than the configured maximum age; update it with netblock-loader",
                        databaseName);
            }
            NetblockDatabase db = lease.database();
            if (firstOnly || ips.size() == 1) {
                Map<String, Object> fields = annotate(db, lease, ips.get(0));
                if (fields != null) {
                    write(document, fields);
                }
            } else {
                writeAll(document, db, lease, ips);
            }
        }
        return document;
    }

    /** The IPs of the field value: a string, or a non-empty list of strings. */
    private List<IpAddress> addresses(Object value) {
        if (value instanceof String s) {
            return List.of(parse(s));
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                throw new IllegalArgumentException("field [" + field + "] is an empty list, no IP to look up");
            }
            List<IpAddress> out = new ArrayList<>(firstOnly ? 1 : list.size());
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new IllegalArgumentException("field [" + field + "] holds [" + o + "], which is not an IP address string");
                }
                out.add(parse(s));
                if (firstOnly) {
                    break;
                }
            }
            return out;
        }
        throw new IllegalArgumentException("field [" + field + "] of type [" + value.getClass().getSimpleName()
                + "] cannot be looked up, expected an IP address string");
    }

    private IpAddress parse(String text) {
        try {
            return IpAddress.parse(text.strip());
        } catch (InvalidIpException e) {
            throw new IllegalArgumentException("field [" + field + "] value [" + text + "] is not an IP address", e);
        }
    }

    /** The fields for one IP (paths under the target), or null when the database knows nothing of it. */
    private Map<String, Object> annotate(NetblockDatabase db, DatabaseLease lease, IpAddress ip) {
        IpAddress address = ip.unmapped();
        int id = db.findBlock(address);
        lease.counters().lookup(id != NbdbFormat.NO_BLOCK);
        ReverseDnsEntry rdns = needsReverseDns() ? db.reverseDns(address).orElse(null) : null;
        if (id == NbdbFormat.NO_BLOCK && rdns == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (id != NbdbFormat.NO_BLOCK) {
            Netblock block = db.block(id);
            // The AS and country belong to the narrowest block that has them (an assignment often
            // has no AS object of its own; its allocation has).
            Netblock withAs = block;
            Netblock withCountry = block;
            for (int p = id; (withAs.asNumber() == null || withCountry.country() == null) && (p = db.parentOf(p)) != NbdbFormat.NO_BLOCK; ) {
                Netblock parent = db.block(p);
                if (withAs.asNumber() == null && parent.asNumber() != null) {
                    withAs = parent;
                }
                if (withCountry.country() == null && parent.country() != null) {
                    withCountry = parent;
                }
            }
            put(out, Property.AS_NUMBER, withAs.asNumber());
            put(out, Property.AS_ORGANIZATION_NAME, withAs.asName());
            put(out, Property.GEO_COUNTRY_ISO_CODE, withCountry.country());
            blockFields(out, block, "");
            if (properties.contains(Property.PARENTS)) {
                List<Map<String, Object>> parents = new ArrayList<>();
                for (int p = db.parentOf(id); p != NbdbFormat.NO_BLOCK; p = db.parentOf(p)) {
                    Map<String, Object> parent = new LinkedHashMap<>();
                    blockFields(parent, db.block(p), "netblock.");
                    parents.add(nest(parent));
                }
                if (!parents.isEmpty()) {
                    out.put(Property.PARENTS.path(), parents);
                }
            }
        }
        if (rdns != null) {
            put(out, Property.DOMAIN, rdns.name());
            put(out, Property.REGISTERED_DOMAIN, rdns.registeredDomain());
            put(out, Property.TOP_LEVEL_DOMAIN, rdns.topLevelDomain());
            if (rdns.registeredDomain() != null && (properties.contains(Property.REGISTRAR_NAME) || properties.contains(Property.REGISTRAR_IANA_ID))) {
                RegistrarEntry registrar = db.registrar(rdns.registeredDomain()).orElse(null);
                if (registrar != null) {
                    put(out, Property.REGISTRAR_NAME, registrar.name());
                    put(out, Property.REGISTRAR_IANA_ID, registrar.ianaId());
                }
            }
        }
        return out.isEmpty() ? null : out;
    }

    private boolean needsReverseDns() {
        return properties.contains(Property.DOMAIN) || properties.contains(Property.REGISTERED_DOMAIN)
                || properties.contains(Property.TOP_LEVEL_DOMAIN) || properties.contains(Property.REGISTRAR_NAME)
                || properties.contains(Property.REGISTRAR_IANA_ID);
    }

    /** The netblock.* fields of one block; {@code strip} removes the "netblock." prefix (for parents). */
    private void blockFields(Map<String, Object> out, Netblock b, String strip) {
        IpRange r = b.range();
        if (properties.contains(Property.NETBLOCK_RANGE)) {
            Map<String, Object> range = new HashMap<>(2);
            range.put("gte", r.first().toString());
            range.put("lte", r.last().toString());
            out.put(key(Property.NETBLOCK_RANGE, strip), range);
        }
        if (properties.contains(Property.NETBLOCK_CIDR)) {
            out.put(key(Property.NETBLOCK_CIDR, strip), r.toCidrs().stream().map(IpRange::toString).toList());
        }
        putKey(out, Property.NETBLOCK_NAME, strip, b.name());
        putKey(out, Property.NETBLOCK_HANDLE, strip, b.handle());
        putKey(out, Property.NETBLOCK_DESCRIPTION, strip, b.description());
        putKey(out, Property.NETBLOCK_STATUS, strip, b.status());
        putKey(out, Property.NETBLOCK_COUNTRY_ISO_CODE, strip, b.country());
        putKey(out, Property.NETBLOCK_REGISTRY, strip, b.registry());
        putKey(out, Property.NETBLOCK_LAST_MODIFIED, strip, b.lastModified() == null ? null : b.lastModified().toString());
        putKey(out, Property.NETBLOCK_OWNER_ID, strip, b.ownerId());
        putKey(out, Property.NETBLOCK_OWNER_NAME, strip, b.ownerName());
        putKey(out, Property.NETBLOCK_ABUSE_EMAIL, strip, b.abuseEmail());
    }

    private static String key(Property p, String strip) {
        return p.path().substring(strip.length());
    }

    private void putKey(Map<String, Object> out, Property p, String strip, Object value) {
        if (value != null && properties.contains(p)) {
            out.put(key(p, strip), value);
        }
    }

    private void put(Map<String, Object> out, Property p, Object value) {
        if (value != null && properties.contains(p)) {
            out.put(p.path(), value);
        }
    }

    /** Turns {"owner.name": x} into {"owner": {"name": x}}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> nest(Map<String, Object> flat) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : flat.entrySet()) {
            String key = e.getKey();
            Map<String, Object> m = root;
            int from = 0;
            for (int dot = key.indexOf('.'); dot >= 0; from = dot + 1, dot = key.indexOf('.', from)) {
                m = (Map<String, Object>) m.computeIfAbsent(key.substring(from, dot), k -> new LinkedHashMap<String, Object>());
            }
            m.put(key.substring(from), e.getValue());
        }
        return root;
    }

    private String target(String path) {
        return targetField.isEmpty() ? path : targetField + "." + path;
    }

    /**
     * Sets each top-level group (as, netblock, registrar, domain, ...) with one call: the groups are
     * this processor's to write; only geo is shared with other enrichers, so only its country is set.
     */
    @SuppressWarnings("unchecked")
    private void write(IngestDocument document, Map<String, Object> fields) {
        for (Map.Entry<String, Object> e : nest(fields).entrySet()) {
            if (e.getKey().equals("geo")) {
                String path = target(Property.GEO_COUNTRY_ISO_CODE.path());
                if (override || !document.hasField(path)) {
                    document.setFieldValue(path, ((Map<String, Object>) e.getValue()).get("country_iso_code"));
                }
            } else {
                document.setFieldValue(target(e.getKey()), e.getValue());
            }
        }
    }

    /**
     * first_only=false: every IP is looked up; each written field becomes a list with one entry per
     * IP that the database knows (in field order), so entries of the same position belong together.
     */
    private void writeAll(IngestDocument document, NetblockDatabase db, DatabaseLease lease, List<IpAddress> ips) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (IpAddress ip : ips) {
            Map<String, Object> r = annotate(db, lease, ip);
            if (r != null) {
                results.add(nest(r));
            }
        }
        if (results.isEmpty()) {
            return;
        }
        Map<String, List<Object>> byGroup = new LinkedHashMap<>();
        for (Map<String, Object> r : results) {
            for (String group : List.of("as", "geo", "domain", "registered_domain", "top_level_domain", "netblock", "registrar")) {
                byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(r.get(group));
            }
        }
        for (Map.Entry<String, List<Object>> e : byGroup.entrySet()) {
            if (e.getValue().stream().anyMatch(v -> v != null)) {
                String path = target(e.getKey());
                if (e.getKey().equals("geo") && !override && document.hasField(path)) {
                    continue;
                }
                document.setFieldValue(path, e.getValue());
            }
        }
    }

    /** Creates processors from pipeline definitions and validates their options. */
    public static final class Factory implements Processor.Factory {
        private final DatabaseRegistry registry;

        public Factory(DatabaseRegistry registry) {
            this.registry = registry;
        }

        @Override
        public NetblockProcessor create(Map<String, Processor.Factory> factories, String tag, String description,
                                        Map<String, Object> config) {
            String field = readStringProperty(TYPE, tag, config, "field");
            String targetField = readOptionalStringProperty(TYPE, tag, config, "target_field");
            if (targetField == null) {
                int dot = field.lastIndexOf('.');
                targetField = dot < 0 ? "" : field.substring(0, dot);
            }
            List<String> propertyNames = readOptionalList(TYPE, tag, config, "properties");
            boolean includeParents = readBooleanProperty(TYPE, tag, config, "include_parents", false);
            boolean ignoreMissing = readBooleanProperty(TYPE, tag, config, "ignore_missing", false);
            boolean firstOnly = readBooleanProperty(TYPE, tag, config, "first_only", true);
            String database = readStringProperty(TYPE, tag, config, "database", DatabaseRegistry.DEFAULT);
            boolean override = readBooleanProperty(TYPE, tag, config, "override", false);

            Set<Property> properties;
            if (propertyNames == null) {
                properties = Property.defaults();
            } else {
                if (propertyNames.isEmpty()) {
                    throw newConfigurationException(TYPE, tag, "properties", "must name at least one of " + Property.paths());
                }
                properties = EnumSet.noneOf(Property.class);
                for (Object name : propertyNames) {
                    try {
                        properties.add(Property.of(String.valueOf(name)));
                    } catch (IllegalArgumentException e) {
                        throw newConfigurationException(TYPE, tag, "properties", e.getMessage());
                    }
                }
            }
            if (includeParents) {
                properties.add(Property.PARENTS);
            }
            if (database.isBlank() || database.contains("/") || database.contains("\\")) {
                throw newConfigurationException(TYPE, tag, "database", "[" + database + "] is not a database name");
            }
            // An unknown database is not an error at creation: it may be published later; documents
            // are tagged _netblock_database_unavailable until it arrives.
            return new NetblockProcessor(tag, description, field, targetField, properties, ignoreMissing, firstOnly,
                    database, override, registry);
        }
    }
}
