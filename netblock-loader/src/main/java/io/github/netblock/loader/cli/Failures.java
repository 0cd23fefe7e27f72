package io.github.netblock.loader.cli;

import io.github.netblock.index.format.InvalidDatabaseException;
import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.publish.Publisher;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What a failed command prints and the exit code it returns, by the table of {@link NetblockLoader}:
 * 3 for an input the user has to fix, 4 for a refused publish, 1 for everything else (reading or
 * writing failed, the network, a bug). Usage errors (2) never get here: picocli reports them.
 */
final class Failures {
    private Failures() {}

    static int exitCode(Throwable e) {
        if (e instanceof Publisher.RefusedException) {
            return NetblockLoader.REFUSED;
        }
        if (e instanceof InvalidInputException || e instanceof InvalidDatabaseException) {
            return NetblockLoader.INVALID_INPUT;
        }
        return 1;
    }

    /** One line that names the file and the reason, safe to print on a terminal. */
    static String message(Throwable e) {
        String m = e instanceof FileSystemException f ? describe(f) : e.getMessage() == null ? e.toString() : e.getMessage();
        return Printable.escape(m);
    }

    /**
     * The JDK's file exceptions often carry the path alone ({@code AccessDeniedException: /x}) or the
     * reason alone; the message says both.
     */
    private static String describe(FileSystemException e) {
        String reason = e.getReason() != null ? e.getReason()
                : e instanceof NoSuchFileException ? "no such file or folder"
                : e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NotDirectoryException ? "not a folder"
                : e instanceof FileAlreadyExistsException ? "already exists"
                : e instanceof DirectoryNotEmptyException ? "folder not empty"
                : e.getClass().getSimpleName();
        return (e.getFile() == null ? "" : e.getFile() + ": ") + reason + (e.getOtherFile() == null ? "" : " (" + e.getOtherFile() + ")");
    }
}
