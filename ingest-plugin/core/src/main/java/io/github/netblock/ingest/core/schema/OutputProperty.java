package io.github.netblock.ingest.core.schema;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The fields the processor can write (its {@code properties} option), named by their path under the
 * target object (ECS names where ECS has the field). The {@code netblock.*} ones are the
 * {@link NetblockField}s of the narrowest block.
 *
 * <p>The default set is what an operator acts on and the dashboards show, and no more: every field
 * written costs indexing throughput (measured on a node: all 22 fields took the bulk rate to 0.6-0.67
 * of an empty pipeline, see benchmarks/README.md). The rest is opt-in through {@code properties}.
 */
public enum OutputProperty {
    AS_NUMBER("as.number"),
    AS_ORGANIZATION_NAME("as.organization.name"),
    GEO_COUNTRY_ISO_CODE("geo.country_iso_code"),
    DOMAIN("domain"),
    REGISTERED_DOMAIN("registered_domain"),
    TOP_LEVEL_DOMAIN("top_level_domain"),
    NETBLOCK_KEY(NetblockField.KEY),
    NETBLOCK_RANGE(NetblockField.RANGE),
    NETBLOCK_CIDR(NetblockField.CIDR),
    NETBLOCK_NAME(NetblockField.NAME),
    NETBLOCK_HANDLE(NetblockField.HANDLE),
    NETBLOCK_DESCRIPTION(NetblockField.DESCRIPTION),
    NETBLOCK_STATUS(NetblockField.STATUS),
    NETBLOCK_COUNTRY_ISO_CODE(NetblockField.COUNTRY_ISO_CODE),
    NETBLOCK_REGISTRY(NetblockField.REGISTRY),
    NETBLOCK_LAST_MODIFIED(NetblockField.LAST_MODIFIED),
    NETBLOCK_OWNER_ID(NetblockField.OWNER_ID),
    NETBLOCK_OWNER_NAME(NetblockField.OWNER_NAME),
    NETBLOCK_ABUSE_EMAIL(NetblockField.ABUSE_EMAIL),
    NETBLOCK_PARENTS("netblock.parents"),
    REGISTRAR_NAME("registrar.name"),
    REGISTRAR_IANA_ID("registrar.iana_id");

    private final String path;
    private final NetblockField blockField;

    OutputProperty(String path) {
        this.path = path;
        this.blockField = null;
    }

    OutputProperty(NetblockField blockField) {
        this.path = Annotator.NETBLOCK + "." + blockField.path();
        this.blockField = blockField;
    }

    /** The field path under the target object, e.g. {@code netblock.owner.name}. */
    public String path() {
        return path;
    }

    /** The field of the narrowest block this property writes, or null when it is not one. */
    public NetblockField blockField() {
        return blockField;
    }

    /** Whether this is a field of one block ({@code netblock.*} except parents), which a parents entry repeats. */
    public boolean describesBlock() {
        return blockField != null;
    }

    /** What is written when {@code properties} is not given. */
    private static final Set<OutputProperty> DEFAULTS = EnumSet.of(AS_NUMBER, AS_ORGANIZATION_NAME, GEO_COUNTRY_ISO_CODE,
            DOMAIN, REGISTERED_DOMAIN, NETBLOCK_KEY, NETBLOCK_RANGE, NETBLOCK_NAME, NETBLOCK_OWNER_NAME, NETBLOCK_ABUSE_EMAIL,
            REGISTRAR_NAME);

    public static Set<OutputProperty> defaults() {
        return EnumSet.copyOf(DEFAULTS);
    }

    /** @throws IllegalArgumentException naming the unknown value and listing the valid ones */
    public static OutputProperty of(String path) {
        for (OutputProperty p : values()) {
            if (p.path.equals(path.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("illegal property value [" + path + "]. valid values are " + paths());
    }

    public static List<String> paths() {
        return Arrays.stream(values()).map(OutputProperty::path).toList();
    }
}
