package io.github.netblock.ingest.processor;

import io.github.netblock.ingest.core.database.DatabaseRegistry;
import java.util.Map;
import org.elasticsearch.cluster.metadata.ProjectId;
import org.elasticsearch.ingest.IngestDocument;
import org.elasticsearch.ingest.IngestPipelineFieldAccessPattern;
import org.elasticsearch.ingest.Processor;

/**
 * Creates processors from pipeline definitions; the core reads ({@link ConfigurationOptions}) and validates the options. Since 9.1 the
 * factory is told the project the pipeline belongs to; the databases are the node's, shared by all.
 */
public final class NetblockProcessorFactory implements Processor.Factory {
    private final DatabaseRegistry registry;

    public NetblockProcessorFactory(DatabaseRegistry registry) {
        this.registry = registry;
    }

    @Override
    public NetblockProcessor create(Map<String, Processor.Factory> factories, String tag, String description,
                                    Map<String, Object> config, ProjectId projectId) {
        return new NetblockProcessor(tag, description, ConfigurationOptions.read(tag, config), registry,
                NetblockProcessorFactory::nestsObjects);
    }

    /** Only the classic access pattern nests a dotted path into objects; the flexible one may write it as a flat key. */
    static boolean nestsObjects(IngestDocument document) {
        return document.getCurrentAccessPatternSafe() == IngestPipelineFieldAccessPattern.CLASSIC;
    }
}
