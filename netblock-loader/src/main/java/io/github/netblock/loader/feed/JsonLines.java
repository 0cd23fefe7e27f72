package io.github.netblock.loader.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.netblock.ingest.core.text.Printable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Feeds of JSON lines (UTF-8, possibly gzipped): one JSON value a line, blank lines skipped. A line
 * that is not JSON, or that the reader of its fields refuses with an {@link IllegalArgumentException},
 * is one bad record named by file and line; the other lines are read on.
 */
public final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {}

    /** Takes one line's value; throws {@link IllegalArgumentException} for a record it cannot use. */
    @FunctionalInterface
    public interface LineReader {
        void accept(JsonNode value);
    }

    /**
     * @param what what a line should be, for the message of a bad one: "a reverse DNS record"
     */
    public static void read(Path file, String what, ParseErrors errors, LineReader reader) throws IOException {
        try (DecodingLineReader in = new DecodingLineReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    reader.accept(JSON.readTree(line));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    errors.add(new FeedFormatException(file, in.line(), "not " + what + ": " + Printable.value(reason(e))));
                }
            }
        }
    }

    /** Jackson's message without its "at [Source: ...]" suffix, which says nothing about a single line. */
    private static String reason(Exception e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }
}
