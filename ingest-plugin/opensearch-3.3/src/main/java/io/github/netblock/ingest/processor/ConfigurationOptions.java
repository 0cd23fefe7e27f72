package io.github.netblock.ingest.processor;

import static org.opensearch.ingest.ConfigurationUtils.newConfigurationException;
import static org.opensearch.ingest.ConfigurationUtils.readBooleanProperty;
import static org.opensearch.ingest.ConfigurationUtils.readOptionalList;
import static org.opensearch.ingest.ConfigurationUtils.readOptionalStringProperty;
import static org.opensearch.ingest.ConfigurationUtils.readStringProperty;

import io.github.netblock.ingest.core.processor.DocumentAnnotator;
import io.github.netblock.ingest.core.schema.ProcessorOptions;
import java.util.List;
import java.util.Map;

/**
 * The options of a {@code netblock} processor definition read with OpenSearch's {@code ConfigurationUtils}
 * (the same static methods as Elasticsearch's, by javap of 3.3.0) for the core, which knows the options, their defaults and their rules.
 */
public record ConfigurationOptions(String tag, Map<String, Object> config) implements ProcessorOptions.Reader {
    private static final String TYPE = DocumentAnnotator.TYPE;

    /** The validated options; an invalid one is OpenSearch's configuration exception naming it (a 400). */
    public static ProcessorOptions read(String tag, Map<String, Object> config) {
        try {
            return ProcessorOptions.read(new ConfigurationOptions(tag, config));
        } catch (ProcessorOptions.InvalidOptionException e) {
            throw newConfigurationException(TYPE, tag, e.option(), e.getMessage());
        }
    }

    @Override
    public String requiredString(String option) {
        return readStringProperty(TYPE, tag, config, option);
    }

    @Override
    public String optionalString(String option) {
        return readOptionalStringProperty(TYPE, tag, config, option);
    }

    @Override
    public List<?> optionalList(String option) {
        return readOptionalList(TYPE, tag, config, option);
    }

    @Override
    public String string(String option, String defaultValue) {
        return readStringProperty(TYPE, tag, config, option, defaultValue);
    }

    @Override
    public boolean bool(String option, boolean defaultValue) {
        return readBooleanProperty(TYPE, tag, config, option, defaultValue);
    }
}
