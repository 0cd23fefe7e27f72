package io.github.netblock.ingest.processor;

import io.github.netblock.ingest.core.database.DatabaseRegistry;
import java.util.Map;
import org.elasticsearch.ingest.Processor;

/**
 * Creates processors from pipeline definitions; the core reads ({@link ConfigurationOptions}) and validates the options.
 */
public final class NetblockProcessorFactory implements Processor.Factory {
    private final DatabaseRegistry registry;

    public NetblockProcessorFactory(DatabaseRegistry registry) {
        this.registry = registry;
    }

    @Override
    public NetblockProcessor create(Map<String, Processor.Factory> factories, String tag, String description,
                                    Map<String, Object> config) {
        return new NetblockProcessor(tag, description, ConfigurationOptions.read(tag, config), registry,
                document -> true); // 8.19 has the classic field access only
    }
}
