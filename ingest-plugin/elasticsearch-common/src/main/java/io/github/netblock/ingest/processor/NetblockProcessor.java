package io.github.netblock.ingest.processor;

import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.core.processor.DocumentAnnotator;
import io.github.netblock.ingest.core.schema.OutputProperty;
import io.github.netblock.ingest.core.schema.ProcessorOptions;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.elasticsearch.common.logging.HeaderWarning;
import org.elasticsearch.ingest.AbstractProcessor;
import org.elasticsearch.ingest.IngestDocument;

/**
 * The {@code netblock} processor on Elasticsearch (8.19 and 9.x alike; each adapter has its own factory): what it does to a document is the core's
 * ({@link DocumentAnnotator}); this class only connects it to Elasticsearch's document and options.
 */
public final class NetblockProcessor extends AbstractProcessor {
    public static final String TYPE = DocumentAnnotator.TYPE;
    public static final String TAG_UNAVAILABLE = DocumentAnnotator.TAG_UNAVAILABLE;
    public static final String TAG_STALE = DocumentAnnotator.TAG_STALE;

    private final DocumentAnnotator annotator;
    private final Predicate<IngestDocument> nestsObjects;

    /**
     * @param nestsObjects whether a dotted path set on this document makes nested objects (classic field access); each
     *                     version's factory says, since only 9.x has the flexible access pattern, where it may not
     */
    NetblockProcessor(String tag, String description, ProcessorOptions options, DatabaseRegistry registry,
                      Predicate<IngestDocument> nestsObjects) {
        super(tag, description);
        this.annotator = new DocumentAnnotator(options, registry);
        this.nestsObjects = nestsObjects;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    String targetField() {
        return annotator.options().targetField();
    }

    Set<OutputProperty> properties() {
        return annotator.options().properties();
    }

    @Override
    public IngestDocument execute(IngestDocument document) {
        annotator.annotate(new Target(document, nestsObjects));
        return document;
    }

    /** Elasticsearch's document as the core sees it. */
    private record Target(IngestDocument document, Predicate<IngestDocument> nestsObjects) implements DocumentAnnotator.Document {
        @Override
        public Object value(String path, boolean ignoreMissing) {
            return document.getFieldValue(path, Object.class, ignoreMissing);
        }

        @Override
        public boolean hasValue(String path) {
            // hasField first: a getFieldValue of an absent path builds an error message even when told to ignore it
            return document.hasField(path) && document.getFieldValue(path, Object.class, true) != null;
        }

        @Override
        public void set(String path, Object value) {
            document.setFieldValue(path, value);
        }

        @Override
        public void remove(String path) {
            document.removeField(path, true);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<String, Object> objectAt(String path) {
            if (!nestsObjects.test(document)) {
                return null;
            }
            Object object = path.isEmpty() ? document.getSource() : document.getFieldValue(path, Object.class, true);
            return object instanceof Map<?, ?> ? (Map<String, Object>) object : null;
        }

        @Override
        public void appendTag(String tag) {
            document.appendFieldValue("tags", tag, false);
        }

        @Override
        public void warn(String message) {
            HeaderWarning.addWarning(message);
        }
    }
}
