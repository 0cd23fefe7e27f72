package io.github.netblock.it.harness.pipelineprocessor;

import java.util.Map;
import org.elasticsearch.ingest.PipelineProcessor;
import org.elasticsearch.ingest.Processor;
import org.elasticsearch.plugins.IngestPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * Test-only plugin: registers Elasticsearch's own {@code pipeline} processor ({@link PipelineProcessor},
 * a server class that the ingest-common module registers in full distributions). The integ-test
 * distribution lacks ingest-common, and the chains of the stack and of Fleet (a default pipeline that
 * calls {@code logs@custom}) need exactly this processor.
 *
 * <p>A resource, not a test source: the harness ({@code PipelineProcessorZip}) compiles this one file
 * against the server jar of each node it installs it into (8.19.21 and 9.3.2 have the same
 * {@code IngestPlugin#getProcessors(Processor.Parameters)}, {@code Parameters.ingestService} and
 * {@code PipelineProcessor.Factory(IngestService)}; checked with javap), with the JDK and Java level of
 * that node.
 */
public class PipelineProcessorPlugin extends Plugin implements IngestPlugin {
    @Override
    public Map<String, Processor.Factory> getProcessors(Processor.Parameters parameters) {
        return Map.of(PipelineProcessor.TYPE, new PipelineProcessor.Factory(parameters.ingestService));
    }
}
