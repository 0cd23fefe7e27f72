package io.github.netblock.loader.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queries backfill selects documents with, compared as JSON. */
class SelectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PipelineTarget SOURCE = new PipelineTarget("netblock-source-ip", "source.ip", "source");

    @Test
    void theDefaultSelectsDocumentsWithTheAddressAndNoneOfTheFieldsTheProcessorAlwaysWritesSomethingOf() throws Exception {
        assertThat(Selection.unannotated().query(SOURCE, List.of())).isEqualTo(json("""
                {"bool": {"filter": [{"exists": {"field": "source.ip"}}],
                          "must_not": [{"exists": {"field": "source.as.number"}}, {"exists": {"field": "source.netblock"}},
                                       {"exists": {"field": "source.domain"}}]}}"""));
        assertThat(Selection.unannotated().describe(SOURCE))
                .isEqualTo("documents with source.ip and none of source.as.number, source.netblock, source.domain");
    }

    @Test
    void allSelectsEveryDocumentWithTheAddress() throws Exception {
        assertThat(Selection.all().query(SOURCE, List.of())).isEqualTo(json("""
                {"bool": {"filter": [{"exists": {"field": "source.ip"}}]}}"""));
    }

    @Test
    void missingSelectsDocumentsLackingAnyOfTheFieldsNamedWithOrWithoutTheTarget() throws Exception {
        Selection s = Selection.missing(List.of("domain", "source.registrar.name"));
        assertThat(s.query(SOURCE, List.of())).isEqualTo(json("""
                {"bool": {"filter": [{"exists": {"field": "source.ip"}}],
                          "should": [{"bool": {"must_not": [{"exists": {"field": "source.domain"}}]}},
                                     {"bool": {"must_not": [{"exists": {"field": "source.registrar.name"}}]}}],
                          "minimum_should_match": 1}}"""));
        assertThat(s.describe(SOURCE)).isEqualTo("documents with source.ip lacking source.domain or source.registrar.name");
    }

    @Test
    void aMissingFieldTheProcessorDoesNotWriteIsRefusedSinceItWouldSelectEverything() {
        assertThatThrownBy(() -> Selection.missing(List.of("source.domian")))
                .hasMessageStartingWith("--missing source.domian: not a field the netblock processor writes; give one of netblock, registrar, as.number");
    }

    @Test
    void documentsThatFailedInAnEarlierRoundAreLeftOutByIndexAndId() throws Exception {
        var failed = List.of(new DocumentFailure("legacy-hits", "bad-1", 400, "not an IP"), new DocumentFailure("logs", null, 500, "shard"));
        assertThat(Selection.all().query(SOURCE, failed)).isEqualTo(json("""
                {"bool": {"filter": [{"exists": {"field": "source.ip"}}],
                          "must_not": [{"bool": {"filter": [{"term": {"_index": "legacy-hits"}}, {"ids": {"values": ["bad-1"]}}]}}]}}"""));
    }

    @Test
    void aTopLevelAddressFieldHasItsOutputAtTheRoot() throws Exception {
        PipelineTarget root = new PipelineTarget("p", "ip", "");
        assertThat(Selection.unannotated().query(root, List.of()).at("/bool/must_not/0/exists/field").asText()).isEqualTo("as.number");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
