package io.github.netblock.loader.backfill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.netblock.ingest.core.schema.OutputProperty;
import io.github.netblock.ingest.core.text.Printable;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which documents a backfill sends through the pipeline. Every choice needs the address field; then:
 * <ul>
 * <li>{@link #unannotated()} (the default): documents that carry none of {@code as.number},
 * {@code netblock} and {@code domain} under the target, i.e. documents the processor never saw.
 * The processor writes at least one of them for every address the database knows (the AS of every
 * routed address, the netblock of every registry object, the PTR name of every resolved one), so
 * an annotated document is not picked again and a second run has nothing to do. Two limits: a
 * document whose address the database knows nothing about is picked again by every run (the
 * processor has nothing to write; re-indexing it changes nothing but its version), and a document
 * whose {@code as.number} another processor wrote (geoip's ASN database) counts as annotated.</li>
 * <li>{@link #missing(List)} ({@code --missing FIELD}): documents lacking any of the named fields
 * (output names under the target, e.g. {@code domain} after {@code resolve} found PTR names, or
 * {@code netblock} after RIR dumps were added to the database); the processor fills what a document
 * lacks and keeps what it has.</li>
 * <li>{@link #all()} ({@code --all}): every document with the address field. The processor still
 * keeps the values a document has unless the pipeline's processor sets {@code override: true}.</li>
 * </ul>
 * Documents that failed in an earlier round of the same run are excluded by index and id, so one bad
 * document does not stop the others (update_by_query stops at the first batch with a failure).
 */
public record Selection(Kind kind, List<String> fields) {
    /** What the default selection looks for: the processor wrote none of these. */
    public static final List<String> ANNOTATION_FIELDS = List.of("as.number", "netblock", "domain");
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Kind { UNANNOTATED, MISSING, ALL }

    public Selection {
        fields = List.copyOf(fields);
    }

    public static Selection unannotated() {
        return new Selection(Kind.UNANNOTATED, ANNOTATION_FIELDS);
    }

    public static Selection all() {
        return new Selection(Kind.ALL, List.of());
    }

    /**
     * @param fields output fields of the processor: by their name under the target ({@code domain},
     *               {@code registrar.name}, {@code netblock}), or by their full path ({@code source.domain})
     * @throws IllegalArgumentException naming a field the processor does not write (a typo would select
     *                                  every document)
     */
    public static Selection missing(List<String> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("--missing needs a field");
        }
        for (String f : fields) {
            if (outputName(f) == null) {
                throw new IllegalArgumentException("--missing " + Printable.value(f) + ": not a field the netblock processor writes; "
                        + "give one of " + String.join(", ", OUTPUT_NAMES) + ", alone or under its target (source.domain)");
            }
        }
        return new Selection(Kind.MISSING, fields);
    }

    /** The processor's output fields and the two objects it writes whole. */
    private static final List<String> OUTPUT_NAMES = Stream.concat(Stream.of("netblock", "registrar"),
            OutputProperty.paths().stream()).toList();

    /** The output name {@code field} is or ends with, or null. */
    private static String outputName(String field) {
        for (String name : OUTPUT_NAMES) {
            if (field.equals(name) || field.endsWith("." + name)) {
                return name;
            }
        }
        return null;
    }

    /** The document path of a field: an output name goes under the target, a full path stays. */
    private static String path(PipelineTarget target, String field) {
        return OUTPUT_NAMES.contains(field) ? target.path(field) : field;
    }

    /** One line for the operator: what is selected. */
    public String describe(PipelineTarget target) {
        return switch (kind) {
            case ALL -> "every document with " + target.field();
            case UNANNOTATED -> "documents with " + target.field() + " and none of "
                    + String.join(", ", fields.stream().map(target::path).toList());
            case MISSING -> "documents with " + target.field() + " lacking " + String.join(" or ", fields.stream().map(f -> path(target, f)).toList());
        };
    }

    /**
     * The {@code query} of the update_by_query (and of the count before it).
     *
     * @param excluded documents left out (failed in an earlier round)
     */
    public ObjectNode query(PipelineTarget target, Collection<DocumentFailure> excluded) {
        ObjectNode query = JSON.createObjectNode();
        ObjectNode bool = query.putObject("bool");
        bool.putArray("filter").addObject().putObject("exists").put("field", target.field());
        ArrayNode mustNot = JSON.createArrayNode();
        switch (kind) {
            case UNANNOTATED -> fields.forEach(f -> mustNot.addObject().putObject("exists").put("field", target.path(f)));
            case MISSING -> {
                // lacking any: at least one of the fields does not exist
                ArrayNode should = bool.putArray("should");
                fields.forEach(f -> should.addObject().putObject("bool").putArray("must_not").addObject().putObject("exists")
                        .put("field", path(target, f)));
                bool.put("minimum_should_match", 1);
            }
            case ALL -> { }
        }
        for (DocumentFailure f : excluded) {
            if (f.id() == null) {
                continue; // a search failure names no document
            }
            ArrayNode both = mustNot.addObject().putObject("bool").putArray("filter");
            if (f.index() != null) {
                both.addObject().putObject("term").put("_index", f.index());
            }
            both.addObject().putObject("ids").putArray("values").add(f.id());
        }
        if (!mustNot.isEmpty()) {
            bool.set("must_not", mustNot);
        }
        return query;
    }
}
