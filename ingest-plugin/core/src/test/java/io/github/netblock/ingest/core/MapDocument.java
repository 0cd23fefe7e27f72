package io.github.netblock.ingest.core;

import io.github.netblock.ingest.core.processor.DocumentAnnotator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A document as nested maps with dotted paths, the way every platform's ingest document behaves. */
public final class MapDocument implements DocumentAnnotator.Document {
    public final Map<String, Object> source = new HashMap<>();
    public final List<String> warnings = new ArrayList<>();
    /** False: {@link #objectAt} answers null, as under a flexible field access, and the writer sets every leaf by its own path. */
    public boolean nestsObjects = true;
    /** Every path given to {@link #set}, in order: which calls a writer made. */
    public final List<String> setPaths = new ArrayList<>();

    @SuppressWarnings("unchecked")
    public Object get(String path) {
        Object at = source;
        for (String part : path.split("\\.")) {
            if (!(at instanceof Map<?, ?> m)) {
                return null;
            }
            at = ((Map<String, Object>) m).get(part);
        }
        return at;
    }

    @Override
    public Object value(String path, boolean ignoreMissing) {
        Object v = get(path);
        if (v == null && !ignoreMissing) {
            throw new IllegalArgumentException("field [" + path + "] not present");
        }
        return v;
    }

    @Override
    public boolean hasValue(String path) {
        return get(path) != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> objectAt(String path) {
        if (!nestsObjects) {
            return null;
        }
        Object object = path.isEmpty() ? source : get(path);
        return object instanceof Map<?, ?> ? (Map<String, Object>) object : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void set(String path, Object value) {
        setPaths.add(path);
        Map<String, Object> at = source;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            // as Elasticsearch's classic set: an absent key gets a new object; a null or a value that is no object on
            // the way fails, naming the path (a list, which it would index by number, is not modelled here)
            if (!at.containsKey(parts[i])) {
                at.put(parts[i], new HashMap<String, Object>());
            }
            Object next = at.get(parts[i]);
            if (!(next instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("cannot set [" + parts[i + 1] + "] with " + (next == null ? "null parent"
                        : "parent object of type [" + next.getClass().getName() + "]") + " as part of path [" + path + "]");
            }
            at = (Map<String, Object>) next;
        }
        at.put(parts[parts.length - 1], value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void remove(String path) {
        int dot = path.lastIndexOf('.');
        Object parent = dot < 0 ? source : get(path.substring(0, dot));
        if (parent instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).remove(path.substring(dot + 1));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void appendTag(String tag) {
        List<Object> tags = (List<Object>) source.computeIfAbsent("tags", k -> new ArrayList<>());
        if (!tags.contains(tag)) {
            tags.add(tag);
        }
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }
}
