package io.github.netblock.ingest.core.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes what a lookup found into a document, by one rule (the README's "What the processor writes"):
 *
 * <ul>
 *   <li>{@code netblock} and {@code registrar} are this processor's own objects: each is written whole,
 *       so its fields always describe one block and one registrar, never a mix of an old and a new one.</li>
 *   <li>The ECS fields that other processors fill too ({@code as.*}, {@code geo.country_iso_code},
 *       {@code domain}, {@code registered_domain}, {@code top_level_domain}) are written into the
 *       objects that hold them: an existing {@code geo} or {@code as} object keeps everything else it
 *       has (city, location, fields this processor is not asked to write).</li>
 *   <li>Fields that describe one thing are decided together: the AS ({@code as.number},
 *       {@code as.organization.name}) by its number, the PTR name ({@code domain},
 *       {@code registered_domain}, {@code top_level_domain}) by {@code domain}. A document that has
 *       the number keeps its AS as it is; one that has a PTR name keeps it with its domains.</li>
 *   <li>A field (own object, unit or single field) that already has a value is left as it is, unless
 *       {@code override} is true: then it is replaced, and a field of a replaced unit that this
 *       processor writes but has no value for is removed (it described the AS or name replaced).
 *       Nothing else is ever removed.</li>
 * </ul>
 *
 * <p>With several addresses ({@code first_only: false}), each field gets a list with one entry per
 * address of the field, in order (null where the database knows nothing of that address, or has no
 * value of the field for it), so entries of the same position belong together.
 *
 * <p>Where the platform hands out the target object itself ({@link Document#objectAt}: the classic field access
 * of every platform), the writer reads and writes the fields in that object's maps, as the platform's own
 * set does (creating the objects on the way, failing through the platform where a value on the way is no
 * object), instead of one document call per check and per set: each call parses its path and walks the
 * document from its root.
 */
public final class OutputWriter {
    /** The document as this writer sees it: each platform's adapter wraps its own document class. */
    public interface Document {
        /** Whether the path leads to a non-null value (an explicit null counts as absent). */
        boolean hasValue(String path);

        /** Sets the value, creating the objects on the way and keeping their other fields. */
        void set(String path, Object value);

        /** Removes the field, if there is one. */
        void remove(String path);

        /**
         * The object at the path ({@code ""}: the document's root), itself, so that what is put into it is in the
         * document; null where there is no object at the path, and on a platform or pipeline where a dotted path
         * does not always mean nested objects (Elasticsearch's {@code field_access_pattern: flexible}, where it
         * may name a flat key): the writer then reads and sets each field by its path.
         */
        Map<String, Object> objectAt(String path);
    }

    /** Fields that describe one thing, their first the one that decides. */
    private static final List<List<String>> UNITS = List.of(
            List.of(OutputProperty.AS_NUMBER.path(), OutputProperty.AS_ORGANIZATION_NAME.path()),
            List.of(OutputProperty.DOMAIN.path(), OutputProperty.REGISTERED_DOMAIN.path(), OutputProperty.TOP_LEVEL_DOMAIN.path()));

    /** Every path a unit holds: the second pass of {@link #apply} leaves them to the first. */
    private static final Set<String> UNIT_PATHS = UNITS.stream().flatMap(List::stream).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final String targetField;
    private final boolean override;
    private final Set<String> written;
    /**
     * The document path of every key an output can have, made once: a path made per document is a new string,
     * whose hash the platform's field-path cache computes again on every get and set.
     */
    private final Map<String, String> documentPaths = new java.util.HashMap<>();
    /**
     * Whether the writer may work in the target object's maps: not under {@code _ingest} or {@code _source}, which a
     * platform resolves by their prefix in a whole path (ingest metadata, the source's root), not as a key.
     */
    private final boolean workInTarget;
    /** The names of every key an output can have, split at its dots once. */
    private final Map<String, String[]> names = new java.util.HashMap<>();

    /**
     * @param properties what the processor is asked to write: only those fields are ever removed
     *                   (a field of a replaced unit that the database has no value for)
     */
    public OutputWriter(String targetField, boolean override, Set<OutputProperty> properties) {
        this.targetField = targetField;
        this.override = override;
        String first = targetField.split("\\.", 2)[0];
        this.workInTarget = !first.equals("_ingest") && !first.equals("_source");
        Set<String> paths = new HashSet<>();
        properties.forEach(p -> paths.add(p.path()));
        this.written = Set.copyOf(paths);
        for (OutputProperty p : OutputProperty.values()) {
            documentPaths.put(p.path(), join(p.path()));
        }
        documentPaths.put(Annotator.NETBLOCK, join(Annotator.NETBLOCK));
        documentPaths.put(Annotator.REGISTRAR, join(Annotator.REGISTRAR));
        for (String relativePath : documentPaths.keySet()) {
            names.put(relativePath, relativePath.split("\\."));
        }
    }

    /** Writes one lookup's output, keyed by path under the target. */
    public void write(Document document, Map<String, Object> output) {
        apply(document, output);
    }

    /**
     * Writes the outputs of several addresses as parallel lists (see the class comment): one output
     * per address of the field, null for an address the database knows nothing of.
     */
    public void writeAll(Document document, List<Map<String, Object>> outputs) {
        Map<String, Object> byPath = new LinkedHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            Map<String, Object> output = outputs.get(i);
            if (output == null) {
                continue;
            }
            for (Map.Entry<String, Object> e : output.entrySet()) {
                @SuppressWarnings("unchecked")
                List<Object> values = (List<Object>) byPath.computeIfAbsent(e.getKey(),
                        k -> new ArrayList<>(Collections.nCopies(outputs.size(), null)));
                values.set(i, e.getValue());
            }
        }
        apply(document, byPath);
    }

    private void apply(Document document, Map<String, Object> values) {
        // null: each field through the document's calls
        Map<String, Object> target = workInTarget ? document.objectAt(targetField) : null;
        for (List<String> unit : UNITS) {
            if (!containsAny(values, unit)) {
                continue;
            }
            if (!override && hasValue(document, target, unit.get(0))) {
                continue; // the document's own AS (or PTR name) stands, with its other fields
            }
            for (String leaf : unit) {
                Object v = values.get(leaf);
                if (v != null) {
                    set(document, target, leaf, v);
                } else if (override && written.contains(leaf) && hasValue(document, target, leaf)) {
                    document.remove(path(leaf)); // it described the AS (or name) just replaced
                }
            }
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!UNIT_PATHS.contains(e.getKey())) {
                set(document, target, e.getKey(), e.getValue());
            }
        }
    }

    /** Whether the document has a non-null value at the output key's path. */
    private boolean hasValue(Document document, Map<String, Object> target, String relativePath) {
        String[] n = target == null ? null : names.get(relativePath);
        return n == null ? document.hasValue(path(relativePath)) : valueIn(target, n) != null;
    }

    /** The value at the names below the target object, or null; as the platform's own check, a path through a value that is no object leads nowhere. */
    private static Object valueIn(Map<String, Object> target, String[] names) {
        Object at = target;
        for (String name : names) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = m.get(name);
        }
        return at;
    }

    private void set(Document document, Map<String, Object> target, String relativePath, Object value) {
        String[] n = target == null ? null : names.get(relativePath);
        if (n == null) {
            String path = path(relativePath);
            if (override || !document.hasValue(path)) {
                document.set(path, value);
            }
            return;
        }
        if (!override && valueIn(target, n) != null) {
            return;
        }
        Map<String, Object> at = target;
        for (int i = 0; i < n.length - 1; i++) {
            Object next = at.get(n[i]);
            if (next == null && !at.containsKey(n[i])) {
                next = new java.util.HashMap<String, Object>();
                at.put(n[i], next);
            }
            if (!(next instanceof Map<?, ?>)) {
                // a null, a list or a value on the way: the platform's own set decides (its error names the path)
                document.set(path(relativePath), value);
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) next;
            at = object;
        }
        at.put(n[n.length - 1], value);
    }

    private static boolean containsAny(Map<String, Object> values, List<String> keys) {
        for (int i = 0; i < keys.size(); i++) { // no iterator: this runs for every document
            if (values.containsKey(keys.get(i))) {
                return true;
            }
        }
        return false;
    }

    private String path(String relativePath) {
        String made = documentPaths.get(relativePath);
        return made != null ? made : join(relativePath);
    }

    private String join(String relativePath) {
        return targetField.isEmpty() ? relativePath : targetField + "." + relativePath;
    }
}
