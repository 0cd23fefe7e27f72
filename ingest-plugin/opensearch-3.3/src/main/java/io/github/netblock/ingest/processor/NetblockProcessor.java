package io.github.netblock.ingest.processor;

import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.core.processor.DocumentAnnotator;
import io.github.netblock.ingest.core.schema.OutputProperty;
import io.github.netblock.ingest.core.schema.ProcessorOptions;
import java.util.Map;
import java.util.Set;
import org.opensearch.common.logging.HeaderWarning;
import org.opensearch.ingest.AbstractProcessor;
import org.opensearch.ingest.IngestDocument;

/**
 * The {@code netblock} processor on OpenSearch 3.3: what it does to a document is the core's
 * ({@link DocumentAnnotator}); this class only connects it to OpenSearch's document and options.
 */
public final class NetblockProcessor extends AbstractProcessor {
    public static final String TYPE = DocumentAnnotator.TYPE;

    private final DocumentAnnotator annotator;

    NetblockProcessor(String tag, String description, ProcessorOptions options, DatabaseRegistry registry) {
        super(tag, description);
        this.annotator = new DocumentAnnotator(options, registry);
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
        annotator.annotate(new Target(document));
        return document;
    }

    /** OpenSearch's document as the core sees it. */
    private record Target(IngestDocument document) implements DocumentAnnotator.Document {
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
            if (document.hasField(path)) {
                document.removeField(path);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<String, Object> objectAt(String path) {
            // OpenSearch has the classic field access only: a dotted path always means nested objects
            Object object = path.isEmpty() ? document.getSourceAndMetadata() : document.getFieldValue(path, Object.class, true);
            return object instanceof Map<?, ?> ? (Map<String, Object>) object : null;
        }

        @Override
        public void appendTag(String tag) {
            document.appendFieldValue("tags", tag, false);
        }

        @Override
        public void warn(String message) {
            // the message is a parameter, so no text of the core's is read as a {} placeholder
            HeaderWarning.addWarning("{}", message);
        }
    }
}
