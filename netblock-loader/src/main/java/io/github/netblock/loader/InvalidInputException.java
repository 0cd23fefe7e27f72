package io.github.netblock.loader;

import io.github.netblock.ingest.core.text.Printable;
import java.io.IOException;

/**
 * An input the user named (a configuration, a feed file, a database, a folder, an environment
 * variable) that is missing, of the wrong kind or unusable as it is: exit code 3. Distinct from
 * other {@link IOException}s (exit code 1), which say that reading or writing failed although the
 * input was right, so a script can tell "fix your input" from "try again".
 */
public class InvalidInputException extends IOException {
    public InvalidInputException(String message) {
        super(Printable.escape(message));
    }

    public InvalidInputException(String message, Throwable cause) {
        super(Printable.escape(message), cause);
    }
}
