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
import io.github.netblock.index.model.RegistrarEntry;
import io.github.netblock.index.model.ReverseDnsEntry;
import io.github.netblock.index.read.BlockAttribute;
import io.github.netblock.index.read.NetblockDatabase;
import io.github.netblock.ingest.database.DatabaseLease;
import io.github.netblock.ingest.database.DatabaseRegistry;
import java.time.Instant;
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
    private final OutputWriter writer;
    private final boolean wantsAs;
    private final boolean wantsRegistrar;
    private final boolean wantsReverseDns;

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
        this.writer = new OutputWriter(targetField, override);
        this.wantsAs = properties.contains(Property.AS_NUMBER) || properties.contains(Property.AS_ORGANIZATION_NAME);
        this.wantsRegistrar = properties.contains(Property.REGISTRAR_NAME) || properties.contains(Property.REGISTRAR_IANA_ID);
        this.wantsReverseDns = wantsRegistrar || properties.contains(Property.DOMAIN)
                || properties.contains(Property.REGISTERED_DOMAIN) || properties.contains(Property.TOP_LEVEL_DOMAIN);
    }

    @Override
    public String getType() {
        return TYPE;
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
                Map<String, Object> fields = annotateSafely(db, lease, ips.get(0));
                if (fields != null) {
                    writer.write(document, fields);
                }
            } else {
                List<Map<String, Object>> outputs = new ArrayList<>(ips.size());
                for (IpAddress ip : ips) {
                    Map<String, Object> fields = annotateSafely(db, lease, ip);
                    if (fields != null) {
                        outputs.add(fields);
                    }
                }
                writer.writeAll(document, outputs);
            }
        }
        return document;
    }

    /**
     * A database that fails a read (a bug in the reader or the writer that validation did not catch,
     * or an I/O fault of the disk under the temp folder, which the JVM reports as an InternalError)
     * fails this document with the database named, and never escapes as an error that stops the node.
     */
    private Map<String, Object> annotateSafely(NetblockDatabase db, DatabaseLease lease, IpAddress ip) {
        try {
            return annotate(db, lease, ip);
        } catch (RuntimeException | InternalError e) {
            throw new IllegalStateException("netblock database [" + databaseName + "] could not be read for [" + ip
                    + "]: " + e.getMessage(), e);
        }
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
                    throw new IllegalArgumentException("field [" + field + "] holds [" + Values.shorten(String.valueOf(o))
                            + "], which is not an IP address string");
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
            return IpAddress.parse(Values.trimSpaces(text));
        } catch (InvalidIpException e) {
            // not chained: the cause repeats the value, which may be large; the message has all there is
            throw new IllegalArgumentException("field [" + field + "] value [" + Values.shorten(text) + "] is not an IP address");
        }
    }

    /**
     * What the database knows of one IP, keyed by output path under the target: the shared ECS leaves
     * ({@code as.number}, {@code geo.country_iso_code}, {@code domain}, ...) and this processor's own
     * objects ({@code netblock}, {@code registrar}); null when it knows nothing. Only the requested
     * attributes are read from the mapped file; what is allocated is the output itself.
     */
    private Map<String, Object> annotate(NetblockDatabase db, DatabaseLease lease, IpAddress ip) {
        IpAddress address = ip.unmapped();
        int id = db.findBlock(address);
        lease.counters().lookup(id != NbdbFormat.NO_BLOCK);
        ReverseDnsEntry rdns = wantsReverseDns ? db.reverseDns(address).orElse(null) : null;
        if (id == NbdbFormat.NO_BLOCK && rdns == null) {
            return null;
        }
        Map<String, Object> out = new HashMap<>(8);
        if (id != NbdbFormat.NO_BLOCK) {
            if (wantsAs) {
                // the origin AS of the narrowest block that has one (an assignment often has none of its own)
                int b = id;
                while (b != NbdbFormat.NO_BLOCK && db.asNumber(b) < 0) {
                    b = db.parentOf(b);
                }
                if (b != NbdbFormat.NO_BLOCK) {
                    if (properties.contains(Property.AS_NUMBER)) {
                        out.put(Property.AS_NUMBER.path(), db.asNumber(b));
                    }
                    String org = properties.contains(Property.AS_ORGANIZATION_NAME) ? db.attribute(b, BlockAttribute.AS_NAME) : null;
                    if (org != null) {
                        out.put(Property.AS_ORGANIZATION_NAME.path(), org);
                    }
                }
            }
            if (properties.contains(Property.GEO_COUNTRY_ISO_CODE)) {
                String country = null;
                for (int b = id; b != NbdbFormat.NO_BLOCK && (country = db.attribute(b, BlockAttribute.COUNTRY)) == null; ) {
                    b = db.parentOf(b);
                }
                if (country != null) {
                    out.put(Property.GEO_COUNTRY_ISO_CODE.path(), country);
                }
            }
            Map<String, Object> netblock = netblock(db, id);
            if (properties.contains(Property.PARENTS)) {
                List<Map<String, Object>> parents = new ArrayList<>();
                for (int p = db.parentOf(id); p != NbdbFormat.NO_BLOCK; p = db.parentOf(p)) {
                    Map<String, Object> parent = netblock(db, p);
                    if (!parent.isEmpty()) {
                        parents.add(parent);
                    }
                }
                if (!parents.isEmpty()) {
                    netblock.put("parents", parents);
                }
            }
            if (!netblock.isEmpty()) {
                out.put(OutputWriter.NETBLOCK, netblock);
            }
        }
        if (rdns != null) {
            putIf(out, Property.DOMAIN, Property.DOMAIN.path(), rdns.name());
            putIf(out, Property.REGISTERED_DOMAIN, Property.REGISTERED_DOMAIN.path(), rdns.registeredDomain());
            putIf(out, Property.TOP_LEVEL_DOMAIN, Property.TOP_LEVEL_DOMAIN.path(), rdns.topLevelDomain());
            if (wantsRegistrar && rdns.registeredDomain() != null) {
                RegistrarEntry entry = db.registrar(rdns.registeredDomain()).orElse(null);
                if (entry != null) {
                    Map<String, Object> registrar = new HashMap<>(2);
                    putIf(registrar, Property.REGISTRAR_NAME, "name", entry.name());
                    putIf(registrar, Property.REGISTRAR_IANA_ID, "iana_id", entry.ianaId());
                    if (!registrar.isEmpty()) {
                        out.put(OutputWriter.REGISTRAR, registrar);
                    }
                }
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** The requested netblock.* fields of one block, read attribute by attribute. */
    private Map<String, Object> netblock(NetblockDatabase db, int id) {
        Map<String, Object> m = new HashMap<>(16);
        if (properties.contains(Property.NETBLOCK_RANGE) || properties.contains(Property.NETBLOCK_CIDR)) {
            IpRange r = db.range(id);
            if (properties.contains(Property.NETBLOCK_RANGE)) {
                Map<String, Object> range = new HashMap<>(2);
                range.put("gte", r.first().toString());
                range.put("lte", r.last().toString());
                m.put("range", range);
            }
            if (properties.contains(Property.NETBLOCK_CIDR)) {
                List<IpRange> cidrs = r.toCidrs();
                List<String> texts = new ArrayList<>(cidrs.size());
                for (IpRange c : cidrs) {
                    texts.add(c.toString());
                }
                m.put("cidr", texts);
            }
        }
        for (int i = 0; i < NETBLOCK_TEXT.length; i++) {
            if (properties.contains(NETBLOCK_TEXT[i])) {
                String v = db.attribute(id, NETBLOCK_ATTRIBUTE[i]);
                if (v != null) {
                    m.put(NETBLOCK_KEY[i], v);
                }
            }
        }
        if (properties.contains(Property.NETBLOCK_LAST_MODIFIED)) {
            Instant t = db.lastModified(id);
            if (t != null) {
                m.put("last_modified", t.toString());
            }
        }
        String ownerId = properties.contains(Property.NETBLOCK_OWNER_ID) ? db.attribute(id, BlockAttribute.OWNER_ID) : null;
        String ownerName = properties.contains(Property.NETBLOCK_OWNER_NAME) ? db.attribute(id, BlockAttribute.OWNER_NAME) : null;
        if (ownerId != null || ownerName != null) {
            Map<String, Object> owner = new HashMap<>(2);
            if (ownerId != null) {
                owner.put("id", ownerId);
            }
            if (ownerName != null) {
                owner.put("name", ownerName);
            }
            m.put("owner", owner);
        }
        String abuse = properties.contains(Property.NETBLOCK_ABUSE_EMAIL) ? db.attribute(id, BlockAttribute.ABUSE_EMAIL) : null;
        if (abuse != null) {
            m.put("abuse", Map.of("email", abuse));
        }
        return m;
    }

    private static final Property[] NETBLOCK_TEXT = {Property.NETBLOCK_NAME, Property.NETBLOCK_HANDLE,
        Property.NETBLOCK_DESCRIPTION, Property.NETBLOCK_STATUS, Property.NETBLOCK_COUNTRY_ISO_CODE, Property.NETBLOCK_REGISTRY};
    private static final BlockAttribute[] NETBLOCK_ATTRIBUTE = {BlockAttribute.NAME, BlockAttribute.HANDLE,
        BlockAttribute.DESCRIPTION, BlockAttribute.STATUS, BlockAttribute.COUNTRY, BlockAttribute.REGISTRY};
    private static final String[] NETBLOCK_KEY = {"name", "handle", "description", "status", "country_iso_code", "registry"};

    private void putIf(Map<String, Object> out, Property p, String key, Object value) {
        if (value != null && properties.contains(p)) {
            out.put(key, value);
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
            if (field.isBlank()) {
                throw newConfigurationException(TYPE, tag, "field", "must name the field that holds the IP address");
            }
            String targetField = readOptionalStringProperty(TYPE, tag, config, "target_field");
            if (targetField == null) {
                int dot = field.lastIndexOf('.');
                targetField = dot < 0 ? "" : field.substring(0, dot);
            } else if (targetField.equals(field) || targetField.startsWith(field + ".")) {
                // the output would go inside the IP string, which fails every document
                throw newConfigurationException(TYPE, tag, "target_field", "[" + targetField + "] cannot be the field [" + field
                        + "] or lie inside it: the output needs an object (omit target_field to write next to the IP)");
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
            if (properties.contains(Property.PARENTS) && properties.stream().noneMatch(Property::describesBlock)) {
                throw newConfigurationException(TYPE, tag, "properties", "netblock.parents lists the containing blocks with the "
                        + "netblock.* properties that are requested, and none is: add some, e.g. netblock.name and netblock.range");
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
