package io.github.netblock.ingest.processor;

import static org.opensearch.ingest.ConfigurationUtils.newConfigurationException;
import static org.opensearch.ingest.ConfigurationUtils.readBooleanProperty;
import static org.opensearch.ingest.ConfigurationUtils.readOptionalList;
import static org.opensearch.ingest.ConfigurationUtils.readOptionalStringProperty;
import static org.opensearch.ingest.ConfigurationUtils.readStringProperty;

import io.github.netblock.ingest.core.database.DatabaseRegistry;
import io.github.netblock.ingest.core.processor.DocumentAnnotator;
import io.github.netblock.ingest.core.schema.OutputProperty;
import io.github.netblock.ingest.core.schema.ProcessorOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opensearch.common.logging.HeaderWarning;
import org.opensearch.ingest.AbstractProcessor;
import org.opensearch.ingest.IngestDocument;
import org.opensearch.ingest.Processor;

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
        public void appendTag(String tag) {
            document.appendFieldValue("tags", tag, false);
        }

        @Override
        public void warn(String message) {
            // the message is a parameter, so no text of the core's is read as a {} placeholder
            HeaderWarning.addWarning("{}", message);
        }
    }

    /** Creates processors from pipeline definitions; the core validates the options. */
    public static final class Factory implements Processor.Factory {
        private final DatabaseRegistry registry;

        public Factory(DatabaseRegistry registry) {
            this.registry = registry;
        }

        @Override
        public NetblockProcessor create(Map<String, Processor.Factory> factories, String tag, String description,
                                        Map<String, Object> config) {
            String field = readStringProperty(TYPE, tag, config, "field");
            String targetField = readOptionalStringProperty(TYPE, tag, config, "target_field");
            List<String> propertyNames = readOptionalList(TYPE, tag, config, "properties");
            boolean includeParents = readBooleanProperty(TYPE, tag, config, "include_parents", false);
            boolean ignoreMissing = readBooleanProperty(TYPE, tag, config, "ignore_missing", false);
            boolean firstOnly = readBooleanProperty(TYPE, tag, config, "first_only", true);
            String database = readStringProperty(TYPE, tag, config, "database", DatabaseRegistry.DEFAULT);
            boolean override = readBooleanProperty(TYPE, tag, config, "override", false);
            // An unknown database is not an error at creation: it may be published later; documents
            // are tagged _netblock_database_unavailable until it arrives.
            try {
                return new NetblockProcessor(tag, description, ProcessorOptions.of(field, targetField, propertyNames, includeParents,
                        ignoreMissing, firstOnly, database, override), registry);
            } catch (ProcessorOptions.InvalidOptionException e) {
                throw newConfigurationException(TYPE, tag, e.option(), e.getMessage());
            }
        }
    }
}
