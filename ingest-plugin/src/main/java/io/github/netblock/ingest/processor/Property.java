package io.github.netblock.ingest.processor;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The fields the processor can write, named by their path under the target object (ECS names where
 * ECS has the field). {@code properties} lists a subset; the default is all but {@link #PARENTS}.
 */
public enum Property {
    AS_NUMBER("as.number"),
    AS_ORGANIZATION_NAME("as.organization.name"),
    GEO_COUNTRY_ISO_CODE("geo.country_iso_code"),
    DOMAIN("domain"),
    REGISTERED_DOMAIN("registered_domain"),
    TOP_LEVEL_DOMAIN("top_level_domain"),
    NETBLOCK_RANGE("netblock.range"),
    NETBLOCK_CIDR("netblock.cidr"),
    NETBLOCK_NAME("netblock.name"),
    NETBLOCK_HANDLE("netblock.handle"),
    NETBLOCK_DESCRIPTION("netblock.description"),
    NETBLOCK_STATUS("netblock.status"),
    NETBLOCK_COUNTRY_ISO_CODE("netblock.country_iso_code"),
    NETBLOCK_REGISTRY("netblock.registry"),
    NETBLOCK_LAST_MODIFIED("netblock.last_modified"),
    NETBLOCK_OWNER_ID("netblock.owner.id"),
    NETBLOCK_OWNER_NAME("netblock.owner.name"),
    NETBLOCK_ABUSE_EMAIL("netblock.abuse.email"),
    NETBLOCK_PARENTS("netblock.parents"),
    REGISTRAR_NAME("registrar.name"),
    REGISTRAR_IANA_ID("registrar.iana_id");

    /** Alias kept short for readability in code. */
    public static final Property PARENTS = NETBLOCK_PARENTS;

    private final String path;

    Property(String path) {
        this.path = path;
    }

    /** The field path under the target object, e.g. {@code netblock.owner.name}. */
    public String path() {
        return path;
    }

    /** Whether this is a field of one block ({@code netblock.*} except parents), which a parents entry repeats. */
    public boolean describesBlock() {
        return path.startsWith("netblock.") && this != NETBLOCK_PARENTS;
    }

    public static Set<Property> defaults() {
        Set<Property> all = EnumSet.allOf(Property.class);
        all.remove(PARENTS);
        return all;
    }

    /** @throws IllegalArgumentException naming the unknown value and listing the valid ones */
    public static Property of(String path) {
        for (Property p : values()) {
            if (p.path.equals(path.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("illegal property value [" + path + "]. valid values are "
                + Arrays.stream(values()).map(Property::path).toList());
    }

    public static List<String> paths() {
        return Arrays.stream(values()).map(Property::path).toList();
    }
}
