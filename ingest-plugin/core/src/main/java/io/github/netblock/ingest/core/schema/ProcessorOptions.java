package io.github.netblock.ingest.core.schema;

import io.github.netblock.ingest.core.database.DatabaseRegistry;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The options of a {@code netblock} processor, validated: every rule that would otherwise fail each
 * document is checked here, when the pipeline is created. The adapter of each platform reads the
 * raw values with its own configuration helpers and reports {@link InvalidOptionException} in its
 * platform's form.
 *
 * @param targetField the object the output goes under; "" for the document root
 * @param properties  what to write (parents included when asked)
 */
public record ProcessorOptions(String field, String targetField, Set<OutputProperty> properties, boolean ignoreMissing,
                               boolean firstOnly, String database, boolean override) {
    public ProcessorOptions {
        properties = EnumSet.copyOf(properties);
    }

    /** An option with a value that cannot work, with the option's name. */
    public static final class InvalidOptionException extends IllegalArgumentException {
        private final String option;

        public InvalidOptionException(String option, String message) {
            super(message);
            this.option = option;
        }

        public String option() {
            return option;
        }
    }

    /**
     * How a platform reads the raw options of a processor definition: with its own configuration helpers, which
     * take each option out of the definition (so the platform can refuse the ones left over) and report a missing
     * or mistyped value in the platform's form.
     */
    public interface Reader {
        /** A string that must be there. */
        String requiredString(String option);

        /** A string, or null when absent. */
        String optionalString(String option);

        /** A list, or null when absent. */
        List<?> optionalList(String option);

        /** A string, or {@code defaultValue} when absent. */
        String string(String option, String defaultValue);

        /** A boolean, or {@code defaultValue} when absent. */
        boolean bool(String option, boolean defaultValue);
    }

    /** Reads every option of a {@code netblock} processor, with its default, through the platform's reader and validates them. */
    public static ProcessorOptions read(Reader reader) {
        String field = reader.requiredString("field");
        String targetField = reader.optionalString("target_field");
        List<?> propertyNames = reader.optionalList("properties");
        boolean includeParents = reader.bool("include_parents", false);
        boolean ignoreMissing = reader.bool("ignore_missing", false);
        boolean firstOnly = reader.bool("first_only", true);
        // An unknown database is not an error at creation: it may be published later; documents are tagged
        // _netblock_database_unavailable until it arrives.
        String database = reader.string("database", DatabaseRegistry.DEFAULT);
        boolean override = reader.bool("override", false);
        return of(field, targetField, propertyNames, includeParents, ignoreMissing, firstOnly, database, override);
    }

    /**
     * @param targetField   null: the object that holds {@code field} ({@code source} for {@code source.ip})
     * @param propertyNames null: the defaults
     * @param database      null: {@value DatabaseRegistry#DEFAULT}
     */
    public static ProcessorOptions of(String field, String targetField, List<?> propertyNames, boolean includeParents,
                                      boolean ignoreMissing, boolean firstOnly, String database, boolean override) {
        if (field == null || field.isBlank()) {
            throw new InvalidOptionException("field", "must name the field that holds the IP address");
        }
        String target = targetField;
        if (target == null) {
            int dot = field.lastIndexOf('.');
            target = dot < 0 ? "" : field.substring(0, dot);
        } else if (!target.isEmpty() && (target.startsWith(".") || target.endsWith(".") || target.contains(".."))) {
            // a platform would fail every document on the path, or write under a key that is the empty string
            throw new InvalidOptionException("target_field", "[" + target + "] has an empty part between its dots: name an object"
                    + " such as [source] or [client.netblock_info], or \"\" for the document root");
        } else if (target.equals(field) || target.startsWith(field + ".")) {
            // the output would go inside the IP string, which fails every document
            throw new InvalidOptionException("target_field", "[" + target + "] cannot be the field [" + field
                    + "] or lie inside it: the output needs an object (omit target_field to write next to the IP)");
        }
        Set<OutputProperty> properties;
        if (propertyNames == null) {
            properties = OutputProperty.defaults();
        } else {
            if (propertyNames.isEmpty()) {
                throw new InvalidOptionException("properties", "must name at least one of " + OutputProperty.paths());
            }
            properties = EnumSet.noneOf(OutputProperty.class);
            for (Object name : propertyNames) {
                try {
                    properties.add(OutputProperty.of(String.valueOf(name)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidOptionException("properties", e.getMessage());
                }
            }
        }
        if (includeParents) {
            properties.add(OutputProperty.NETBLOCK_PARENTS);
        }
        if (properties.contains(OutputProperty.NETBLOCK_PARENTS) && properties.stream().noneMatch(OutputProperty::describesBlock)) {
            throw new InvalidOptionException("properties", "netblock.parents lists the containing blocks with the "
                    + "netblock.* properties that are requested, and none is: add some, e.g. netblock.name and netblock.range");
        }
        String db = database == null ? DatabaseRegistry.DEFAULT : database;
        if (db.isBlank() || db.contains("/") || db.contains("\\")) {
            throw new InvalidOptionException("database", "[" + db + "] is not a database name");
        }
        return new ProcessorOptions(field, target, properties, ignoreMissing, firstOnly, db, override);
    }
}
