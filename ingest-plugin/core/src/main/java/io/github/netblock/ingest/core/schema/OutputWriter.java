package io.github.netblock.ingest.core.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what a lookup found into a document, by one rule (the README's "What the processor writes"):
 *
 * <ul>
 *   <li>{@code netblock} and {@code registrar} are this processor's own objects: each is written whole,
 *       so its fields always describe one block and one registrar, never a mix of an old and a new one.</li>
 *   <li>The ECS fields that other processors fill too ({@code as.*}, {@code geo.country_iso_code},
 *       {@code domain}, {@code registered_domain}, {@code top_level_domain}) are written leaf by leaf
 *       into the objects that hold them: an existing {@code geo} or {@code as} object keeps everything
 *       else it has (city, location, an organisation name this processor does not write).</li>
 *   <li>A field (own object or leaf) that already has a value is left as it is, unless
 *       {@code override} is true, in which case it is replaced. Nothing else is ever removed.</li>
 * </ul>
 *
 * <p>With several addresses ({@code first_only: false}), each field gets a list with one entry per
 * address that the database knows, in field order; entries of the same position belong together
 * (null where that address has no value for the field).
 */
public final class OutputWriter {
    /** The document as this writer sees it: each platform's adapter wraps its own document class. */
    public interface Document {
        /** Whether the path leads to a non-null value (an explicit null counts as absent). */
        boolean hasValue(String path);

        /** Sets the value, creating the objects on the way and keeping their other fields. */
        void set(String path, Object value);
    }

    private final String targetField;
    private final boolean override;

    public OutputWriter(String targetField, boolean override) {
        this.targetField = targetField;
        this.override = override;
    }

    /** Writes one lookup's output, keyed by path under the target. */
    public void write(Document document, Map<String, Object> output) {
        for (Map.Entry<String, Object> e : output.entrySet()) {
            set(document, e.getKey(), e.getValue());
        }
    }

    /** Writes the outputs of several addresses as parallel lists (see the class comment). */
    public void writeAll(Document document, List<Map<String, Object>> outputs) {
        if (outputs.isEmpty()) {
            return;
        }
        Map<String, List<Object>> byPath = new LinkedHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            for (Map.Entry<String, Object> e : outputs.get(i).entrySet()) {
                byPath.computeIfAbsent(e.getKey(), k -> new ArrayList<>(Collections.nCopies(outputs.size(), null)))
                        .set(i, e.getValue());
            }
        }
        for (Map.Entry<String, List<Object>> e : byPath.entrySet()) {
            set(document, e.getKey(), e.getValue());
        }
    }

    private void set(Document document, String relativePath, Object value) {
        String path = targetField.isEmpty() ? relativePath : targetField + "." + relativePath;
        if (override || !document.hasValue(path)) {
            document.set(path, value);
        }
    }
}
