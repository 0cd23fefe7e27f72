package io.github.netblock.ingest.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.ingest.core.cluster.DatabaseApi.Action;
import io.github.netblock.ingest.core.cluster.DatabaseApi.Call;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a REST request of the cluster-database API becomes a transport action with plain values, on every platform. */
class DatabaseApiTest {
    private static Call rest(String method, String path, Map<String, String> params, Map<String, Object> content) throws IOException {
        return DatabaseApi.fromRest(method, path, params::get, () -> content);
    }

    @Test
    void eachRouteBecomesItsActionWithTheValuesTheCoreReads() throws IOException {
        assertThat(rest("GET", "/_netblock/database", Map.of(), null)).isEqualTo(new Call(Action.GET, Map.of()));
        assertThat(rest("GET", "/_netblock/database/custom", Map.of("name", "custom"), null))
                .isEqualTo(new Call(Action.GET, Map.of("name", "custom")));
        assertThat(rest("DELETE", "/_netblock/database/custom", Map.of("name", "custom"), null))
                .isEqualTo(new Call(Action.DELETE, Map.of("name", "custom")));
        assertThat(rest("POST", "/_netblock/database/custom/_rollback", Map.of("name", "custom"), null))
                .isEqualTo(new Call(Action.PUT, Map.of("name", "custom", "op", "rollback")));

        Call publish = rest("POST", "/_netblock/database/custom/_publish", Map.of("name", "custom", "node", " n1 "),
                Map.of("upload_id", "u1", "sha256", "ab", "size", 12, "ignored", true));
        assertThat(publish.action()).isEqualTo(Action.PUT);
        assertThat(publish.body()).containsExactlyInAnyOrderEntriesOf(
                Map.of("name", "custom", "op", "publish", "upload_id", "u1", "sha256", "ab", "size", 12, "node", "n1"));

        byte[] chunk = "netblock bytes".getBytes(StandardCharsets.UTF_8);
        Call upload = rest("PUT", "/_netblock/database/custom/_upload/u1", Map.of("name", "custom", "upload_id", "u1", "offset", "4194304"),
                Map.of("data", Base64.getEncoder().encodeToString(chunk)));
        assertThat(upload.action()).isEqualTo(Action.PUT);
        assertThat(upload.body()).containsEntry("op", "upload").containsEntry("upload_id", "u1").containsEntry("offset", "4194304")
                .doesNotContainKey("node");
        assertThat((byte[]) upload.body().get("data")).isEqualTo(chunk);
        // no offset: the first chunk
        assertThat(rest("PUT", "/_netblock/database/custom/_upload/u1", Map.of("name", "custom", "upload_id", "u1"), Map.of("data", "")).body())
                .containsEntry("offset", "0");
    }

    @Test
    void aBadBodyIsNamed() {
        Map<String, String> upload = Map.of("name", "custom", "upload_id", "u1");
        assertThatThrownBy(() -> rest("PUT", "/_netblock/database/custom/_upload/u1", upload, null))
                .hasMessage("the body must be {\"data\": \"<the chunk in base64>\"}");
        assertThatThrownBy(() -> rest("PUT", "/_netblock/database/custom/_upload/u1", upload, Map.of("data", 12)))
                .hasMessage("the body must be {\"data\": \"<the chunk in base64>\"}");
        assertThatThrownBy(() -> rest("PUT", "/_netblock/database/custom/_upload/u1", upload, Map.of("data", "not base64!")))
                .hasMessageStartingWith("[data] is not base64: ");
        assertThatThrownBy(() -> rest("POST", "/_netblock/database/custom/_publish", Map.of("name", "custom"), null))
                .hasMessage("a body with upload_id, sha256 and size is required");
        assertThatThrownBy(() -> rest("POST", "/_netblock/database/custom/_other", Map.of("name", "custom"), null))
                .hasMessage("no netblock database API at [POST /_netblock/database/custom/_other]");
    }

    @Test
    void onlyAnUploadsChunksAndPublishGoToTheNodeTheyName() {
        Peers.Node one = new Peers.Node("id-1", "es-1");
        Peers.Node two = new Peers.Node("id-2", "es-2");
        Map<String, Object> chunk = Map.of("op", "upload", "node", "id-2");
        assertThat(DatabaseApi.forwardTo(Action.PUT, chunk, one)).isEqualTo("id-2");
        assertThat(DatabaseApi.forwardTo(Action.PUT, chunk, two)).isNull();
        // the name, as GET _netblock/database shows it, names the node as well as its id
        assertThat(DatabaseApi.forwardTo(Action.PUT, Map.of("op", "upload", "node", "es-2"), two)).isNull();
        assertThat(DatabaseApi.forwardTo(Action.PUT, Map.of("op", "upload", "node", "es-2"), one)).isEqualTo("es-2");
        assertThat(DatabaseApi.forwardTo(Action.PUT, Map.of("op", "upload"), one)).isNull();
        assertThat(DatabaseApi.forwardTo(Action.GET, Map.of("node", "id-2"), one)).isNull();
        assertThat(DatabaseApi.unknownNode(Map.of("node", "n9", "upload_id", "u1", "name", "custom")))
                .hasMessage("node [n9], which holds upload [u1] of database [custom], is not in the cluster (no node has that id or name): upload the database again");
    }

    @Test
    void valuesAreReadAsTheCoreWantsThemAndAMissingOrWrongOneIsNamed() {
        Map<String, Object> fromRest = new HashMap<>(Map.of("offset", "4194304", "name", "custom", "bad", "x"));
        assertThat(DatabaseApi.number(fromRest, "offset")).isEqualTo(4194304L);
        assertThat(DatabaseApi.number(Map.of("size", 12), "size")).isEqualTo(12L);
        assertThat(DatabaseApi.text(fromRest, "name")).isEqualTo("custom");
        assertThatThrownBy(() -> DatabaseApi.number(fromRest, "bad")).hasMessage("[bad] must be a number, not [x]");
        assertThatThrownBy(() -> DatabaseApi.text(fromRest, "upload_id")).hasMessage("[upload_id] is required");
        assertThatThrownBy(() -> DatabaseApi.handle(null, Action.PUT, Map.of("op", "merge"))).hasMessage("unknown operation [merge]");
        assertThatThrownBy(() -> DatabaseApi.handle(null, Action.PUT, Map.of("op", "upload", "name", "custom", "upload_id", "u1", "offset", 0)))
                .hasMessage("[data] is required: the chunk's bytes");
    }
}
