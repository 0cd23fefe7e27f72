package io.github.netblock.ingest.core.schema;

import io.github.netblock.index.ip.IpRange;
import io.github.netblock.index.read.BlockAttribute;
import io.github.netblock.index.read.NetblockDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one netblock as every output shows them: the processor's {@code netblock} object
 * (and each of its {@code parents}), and each entry of {@code netblocks} in {@code _netblock/lookup}
 * and {@code netblock-loader lookup --json}. Each field knows its path inside the block's object
 * and reads its value from the mapped database by block id, so only the requested bytes are read.
 * Adding an output field of a block means adding a constant here.
 */
public enum NetblockField {
    /**
     * One keyword per block to count by: its prefix when the range is one CIDR prefix, else
     * {@code first-last}. ({@code cidr} lists every prefix of a range that is not one, so a terms
     * aggregation on it counts such a document several times.)
     */
    KEY("key", null),
    RANGE("range", null),
    CIDR("cidr", null),
    NAME("name", BlockAttribute.NAME),
    HANDLE("handle", BlockAttribute.HANDLE),
    DESCRIPTION("description", BlockAttribute.DESCRIPTION),
    STATUS("status", BlockAttribute.STATUS),
    COUNTRY_ISO_CODE("country_iso_code", BlockAttribute.COUNTRY),
    REGISTRY("registry", BlockAttribute.REGISTRY),
    LAST_MODIFIED("last_modified", null),
    OWNER_ID("owner.id", BlockAttribute.OWNER_ID),
    OWNER_NAME("owner.name", BlockAttribute.OWNER_NAME),
    ABUSE_EMAIL("abuse.email", BlockAttribute.ABUSE_EMAIL);

    /** Every field, in output order. */
    public static final Set<NetblockField> ALL = EnumSet.allOf(NetblockField.class);

    private final String path;
    private final BlockAttribute attribute;

    NetblockField(String path, BlockAttribute attribute) {
        this.path = path;
        this.attribute = attribute;
    }

    /** The path inside a block's object, e.g. {@code owner.name}. */
    public String path() {
        return path;
    }

    /**
     * The text forms of a block's range, the part of a block's output that costs most to make
     * (addresses to text); the processor keeps recent ones (see {@link Annotator}).
     */
    public record RangeText(String key, String first, String last) {
        public static RangeText of(IpRange r) {
            return new RangeText(NetblockField.key(r), r.first().toString(), r.last().toString());
        }
    }

    /** The value of this field of a block, or null when the block has none. */
    public Object read(NetblockDatabase db, int blockId) {
        return read(db, blockId, null);
    }

    /** As {@link #read(NetblockDatabase, int)}, with the block's range text when the caller has it (else null). */
    Object read(NetblockDatabase db, int blockId, RangeText rangeText) {
        if (attribute != null) {
            return db.attribute(blockId, attribute);
        }
        return switch (this) {
            case KEY -> rangeText != null ? rangeText.key() : key(db.range(blockId));
            case RANGE -> {
                RangeText t = rangeText != null ? rangeText : RangeText.of(db.range(blockId));
                Map<String, Object> range = new LinkedHashMap<>(4);
                range.put("gte", t.first());
                range.put("lte", t.last());
                yield range; // the form an ip_range field accepts: WHOIS ranges are not always prefixes
            }
            case CIDR -> {
                List<IpRange> cidrs = db.range(blockId).toCidrs();
                List<String> texts = new ArrayList<>(cidrs.size());
                for (IpRange c : cidrs) {
                    texts.add(c.toString());
                }
                yield texts;
            }
            case LAST_MODIFIED -> {
                Instant t = db.lastModified(blockId);
                yield t == null ? null : t.toString();
            }
            default -> throw new AssertionError(this + " has neither an attribute nor a reader");
        };
    }

    /** The single-valued key of a range: {@code 198.51.100.0/24}, or {@code 203.0.113.0-203.0.113.99}. */
    public static String key(IpRange r) {
        return r.isCidr() ? r.toString() : r.first() + "-" + r.last();
    }

    /** The object of one block with the given fields (absent values left out); empty when it has none of them. */
    public static Map<String, Object> objectOf(Set<NetblockField> fields, NetblockDatabase db, int blockId) {
        return objectOf(fields, db, blockId, null);
    }

    static Map<String, Object> objectOf(Set<NetblockField> fields, NetblockDatabase db, int blockId, RangeText rangeText) {
        Map<String, Object> out = new LinkedHashMap<>(fields.size() * 2);
        for (NetblockField f : fields) {
            Object v = f.read(db, blockId, rangeText);
            if (v != null) {
                putPath(out, f.path, v);
            }
        }
        return out;
    }

    /** Puts a value at a dotted path, creating the objects on the way. */
    @SuppressWarnings("unchecked")
    static void putPath(Map<String, Object> target, String path, Object value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            target.put(path, value);
            return;
        }
        Map<String, Object> inner = (Map<String, Object>) target.computeIfAbsent(path.substring(0, dot), k -> new LinkedHashMap<>(4));
        putPath(inner, path.substring(dot + 1), value);
    }
}
