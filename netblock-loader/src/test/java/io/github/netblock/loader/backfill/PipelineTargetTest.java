package io.github.netblock.loader.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.netblock.loader.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where backfill looks for the address and the output: the pipeline's netblock processor says. */
class PipelineTargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theShippedPipelineReadsSourceIpAndWritesUnderSource() throws Exception {
        // the file setup installs, read from the dashboards module
        Path shipped = Path.of("..", "dashboards", "elasticsearch", "pipeline-netblock-source-ip.json");
        PipelineTarget t = PipelineTarget.of("netblock-source-ip", JSON.readTree(Files.readString(shipped)));
        assertThat(t).isEqualTo(new PipelineTarget("netblock-source-ip", "source.ip", "source"));
        assertThat(t.path("as.number")).isEqualTo("source.as.number");
    }

    @Test
    void anExplicitTargetFieldAndATopLevelFieldAreFollowed() throws Exception {
        assertThat(PipelineTarget.of("p", JSON.readTree("""
                {"processors": [{"set": {"field": "x", "value": 1}},
                                {"netblock": {"field": "client.ip", "target_field": "client.whois"}}]}""")).target()).isEqualTo("client.whois");
        assertThat(PipelineTarget.of("p", JSON.readTree("""
                {"processors": [{"netblock": {"field": "ip"}}]}""")).target()).isEmpty();
    }

    @Test
    void aNetblockProcessorInsideAnOnFailureHandlerIsFound() throws Exception {
        assertThat(PipelineTarget.of("p", JSON.readTree("""
                {"processors": [{"grok": {"field": "message", "patterns": ["x"],
                                          "on_failure": [{"netblock": {"field": "source.address"}}]}}]}""")).field()).isEqualTo("source.address");
    }

    @Test
    void aPipelineWithoutNetblockIsRefusedNamingIt() {
        assertThatThrownBy(() -> PipelineTarget.of("logs@default-pipeline", JSON.readTree("""
                {"processors": [{"pipeline": {"name": "logs@custom"}}]}""")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("pipeline logs@default-pipeline has no netblock processor: backfill through it would re-index");
    }
}
