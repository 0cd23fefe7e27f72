package io.github.netblock.ingest.core.schema;

import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Where the document has no object at all under a written path's first name (no {@code as}, no
 * {@code geo}: the common case for a log line) and it {@linkplain Document#nestsObjects() nests
 * dotted paths into objects}, the leaves under that name are gathered into a new object and set with
 * one call. The result is the same as setting each leaf (there is nothing to keep or to replace), at
 * a third of the document calls: each call parses its path and walks the document's maps.
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

        /** Whether nothing at all is at the path, not even an explicit null. */
        boolean isAbsent(String path);

        /**
         * Whether {@link #set} of {@code a.b} on a document without {@code a} makes the object
         * {@code {"a": {"b": value}}}: true for the classic field access of every platform, false where a
         * dotted path may name a flat key (Elasticsearch's {@code field_access_pattern: flexible}).
         */
        boolean nestsObjects();
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
    /** For each key of an output with a dot: the document path of its first name and the names below it, made once. */
    private final Map<String, Nesting> nestings = new java.util.HashMap<>();

    private record Nesting(String objectPath, String[] below) {}

    /**
     * @param properties what the processor is asked to write: only those fields are ever removed
     *                   (a field of a replaced unit that the database has no value for)
     */
    public OutputWriter(String targetField, boolean override, Set<OutputProperty> properties) {
        this.targetField = targetField;
        this.override = override;
        Set<String> paths = new HashSet<>();
        properties.forEach(p -> paths.add(p.path()));
        this.written = Set.copyOf(paths);
        for (OutputProperty p : OutputProperty.values()) {
            documentPaths.put(p.path(), join(p.path()));
        }
        documentPaths.put(Annotator.NETBLOCK, join(Annotator.NETBLOCK));
        documentPaths.put(Annotator.REGISTRAR, join(Annotator.REGISTRAR));
        for (String relativePath : documentPaths.keySet()) {
            int dot = relativePath.indexOf('.');
            if (dot > 0) {
                nestings.put(relativePath, new Nesting(join(relativePath.substring(0, dot)), relativePath.substring(dot + 1).split("\\.")));
            }
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
        NewObjects fresh = document.nestsObjects() ? new NewObjects(document) : null;
        for (List<String> unit : UNITS) {
            if (!containsAny(values, unit)) {
                continue;
            }
            if (!override && hasValue(document, fresh, unit.get(0))) {
                continue; // the document's own AS (or PTR name) stands, with its other fields
            }
            for (String leaf : unit) {
                Object v = values.get(leaf);
                if (v != null) {
                    set(document, fresh, leaf, v);
                } else if (override && written.contains(leaf) && hasValue(document, fresh, leaf)) {
                    document.remove(path(leaf)); // it described the AS (or name) just replaced
                }
            }
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!UNIT_PATHS.contains(e.getKey())) {
                set(document, fresh, e.getKey(), e.getValue());
            }
        }
        if (fresh != null) {
            fresh.setAll();
        }
    }

    /**
     * The objects this write makes whole, by document path: those the document had nothing at all for when
     * first asked. Each holds the leaves written under it until {@link #setAll} sets it with one call.
     */
    private static final class NewObjects {
        private static final Object PRESENT = new Object();
        private final Document document;
        /** Document paths of the objects asked about so far (a handful: as, geo), and for each its new object or {@link #PRESENT}. */
        private String[] paths = new String[4];
        private Object[] objects = new Object[4];
        private int size;

        NewObjects(Document document) {
            this.document = document;
        }

        /** The new object at the path, or null when the document has something there (so leaves go in one by one). */
        @SuppressWarnings("unchecked")
        Map<String, Object> object(String objectPath) {
            for (int i = 0; i < size; i++) { // no map: this runs for every leaf of every document
                if (paths[i].equals(objectPath)) {
                    return objects[i] == PRESENT ? null : (Map<String, Object>) objects[i];
                }
            }
            Object o = document.isAbsent(objectPath) ? new java.util.HashMap<String, Object>() : PRESENT;
            if (size == paths.length) {
                paths = Arrays.copyOf(paths, size * 2);
                objects = Arrays.copyOf(objects, size * 2);
            }
            paths[size] = objectPath;
            objects[size++] = o;
            return o == PRESENT ? null : (Map<String, Object>) o;
        }

        @SuppressWarnings("unchecked")
        static void put(Map<String, Object> object, String[] below, Object value) {
            Map<String, Object> at = object;
            for (int i = 0; i < below.length - 1; i++) {
                Object next = at.get(below[i]);
                if (next == null) {
                    next = new java.util.HashMap<String, Object>();
                    at.put(below[i], next);
                }
                at = (Map<String, Object>) next;
            }
            at.put(below[below.length - 1], value);
        }

        void setAll() {
            for (int i = 0; i < size; i++) {
                if (objects[i] != PRESENT && !((Map<?, ?>) objects[i]).isEmpty()) {
                    document.set(paths[i], objects[i]);
                }
            }
        }
    }

    /** Whether the document has a value at the output key's path, counting what this write has put in its new objects. */
    private boolean hasValue(Document document, NewObjects fresh, String relativePath) {
        Nesting n = fresh == null ? null : nestings.get(relativePath);
        if (n != null) {
            Map<String, Object> object = fresh.object(n.objectPath);
            if (object != null) {
                return valueIn(object, n.below) != null;
            }
        }
        return document.hasValue(path(relativePath));
    }

    private static Object valueIn(Map<String, Object> object, String[] below) {
        Object at = object;
        for (String name : below) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = m.get(name);
        }
        return at;
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

    private void set(Document document, NewObjects fresh, String relativePath, Object value) {
        Nesting n = fresh == null ? null : nestings.get(relativePath);
        if (n != null) {
            Map<String, Object> object = fresh.object(n.objectPath);
            if (object != null) {
                if (override || valueIn(object, n.below) == null) {
                    NewObjects.put(object, n.below, value);
                }
                return;
            }
        }
        String path = path(relativePath);
        if (override || !document.hasValue(path)) {
            document.set(path, value);
        }
    }
}
