package io.github.netblock.index.read;

import java.nio.file.Path;

/** A lookup on a database after {@link NetblockDatabase#close()}. */
public class ClosedDatabaseException extends IllegalStateException {
    public ClosedDatabaseException(Path file) {
        super("netblock database " + file + " is closed");
    }
}
