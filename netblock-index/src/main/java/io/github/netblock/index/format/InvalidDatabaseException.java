package io.github.netblock.index.format;

import java.nio.file.Path;

/**
 * The file is not a usable netblock database: not one at all, truncated, corrupt, or of another
 * format version. Unchecked, because it is a property of the data, not a failed I/O call, and the
 * same type serves both places it is found:
 * <ul>
 *   <li>{@code NetblockDatabase.open} throws it when validation fails (the message names the file
 *       and what is wrong);</li>
 *   <li>a lookup throws it when it meets data that points outside its section (possible only when
 *       the file was opened without checksum verification, or changed under the mapping).</li>
 * </ul>
 */
public class InvalidDatabaseException extends RuntimeException {
    private final Path file;
    private final String reason;

    public InvalidDatabaseException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    public InvalidDatabaseException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** What is wrong, without the file name. */
    public String reason() {
        return reason;
    }
}
