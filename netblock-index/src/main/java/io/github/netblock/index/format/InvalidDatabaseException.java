package io.github.netblock.index.read;

import java.io.IOException;
import java.nio.file.Path;

/** The file is not a usable netblock database: truncated, corrupt, or of another format version. */
public class InvalidDatabaseException extends IOException {
    private final Path file;

    public InvalidDatabaseException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public InvalidDatabaseException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
