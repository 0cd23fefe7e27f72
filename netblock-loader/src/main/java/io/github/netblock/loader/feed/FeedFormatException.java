package io.github.netblock.loader.feed;

import io.github.netblock.loader.InvalidInputException;
import java.nio.file.Path;

/**
 * A feed line that cannot be read; the message names the file, the line and the value. Values are
 * echoed through {@link io.github.netblock.loader.Printable#value} by whoever builds the message, and
 * the whole message is escaped once more here, so no feed byte reaches a terminal raw.
 */
public class FeedFormatException extends InvalidInputException {
    private final Path file;
    private final long line;

    public FeedFormatException(Path file, long line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }
}
