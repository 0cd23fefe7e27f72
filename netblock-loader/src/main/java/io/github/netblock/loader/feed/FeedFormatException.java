package io.github.netblock.loader.feed;

import java.io.IOException;
import java.nio.file.Path;

/** A feed line that cannot be read; the message names the file, the line and the value. */
public class FeedFormatException extends IOException {
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
