package io.github.netblock.loader.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.netblock.loader.InvalidInputException;
import java.util.Iterator;
import java.util.Map;

/**
 * Where the pipeline's {@code netblock} processor reads the address and writes its fields, as its
 * definition says ({@code GET _ingest/pipeline/NAME}): {@code field} and {@code target_field}, which
 * defaults to the object that holds {@code field} ({@code source} for {@code source.ip}, the document
 * root for a top-level field), as the processor itself decides. Backfill selects documents by these
 * paths, so a pipeline reading {@code client.ip} is backfilled over {@code client.*}.
 *
 * @param pipeline the pipeline's name
 * @param field    the address field, e.g. {@code source.ip}
 * @param target   the object the fields go into, e.g. {@code source}; empty for the document root
 */
public record PipelineTarget(String pipeline, String field, String target) {

    /** The path of an output field under the target, e.g. {@code as.number} -> {@code source.as.number}. */
    public String path(String outputField) {
        return target.isEmpty() ? outputField : target + "." + outputField;
    }

    /**
     * The first {@code netblock} processor of the pipeline's {@code processors} (with its own
     * {@code on_failure} handlers and the pipeline's searched too).
     *
     * @param definition the pipeline's object, the value under its name in {@code GET _ingest/pipeline/NAME}
     * @throws InvalidInputException when the pipeline has no netblock processor: running it would
     *                               re-index the documents without annotating them
     */
    public static PipelineTarget of(String pipeline, JsonNode definition) throws InvalidInputException {
        JsonNode processor = find(definition.path("processors"));
        if (processor == null) {
            processor = find(definition.path("on_failure"));
        }
        if (processor == null) {
            throw new InvalidInputException("pipeline " + pipeline + " has no netblock processor: backfill through it would re-index "
                    + "the documents without annotating them; give --pipeline the name of a pipeline that runs netblock "
                    + "(netblock-source-ip, installed by netblock-loader setup)");
        }
        String field = processor.path("field").asText("");
        if (field.isEmpty()) {
            throw new InvalidInputException("pipeline " + pipeline + ": its netblock processor has no field");
        }
        String target = processor.hasNonNull("target_field") ? processor.get("target_field").asText()
                : field.contains(".") ? field.substring(0, field.lastIndexOf('.')) : "";
        return new PipelineTarget(pipeline, field, target);
    }

    private static JsonNode find(JsonNode processors) {
        for (JsonNode p : processors) {
            Iterator<Map.Entry<String, JsonNode>> types = p.fields();
            while (types.hasNext()) {
                Map.Entry<String, JsonNode> type = types.next();
                if (type.getKey().equals("netblock")) {
                    return type.getValue();
                }
                JsonNode inner = find(type.getValue().path("on_failure"));
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }
}
