package io.github.netblock.loader.cli;

import io.github.netblock.loader.InvalidInputException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of the files and folders a command line names, before anything is read or changed. A path
 * that does not exist or is of the wrong kind is invalid input (exit 3) named with its option; a
 * folder the loader may not write in is a failure (exit 1). Missing folders are created only when the
 * user asked with --create-dirs: a typo in --to would otherwise publish where no node looks.
 */
final class NamedPaths {
    private NamedPaths() {}

    /** A file to read: it exists and is not a folder. */
    static Path inputFile(String option, Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(option + " " + file + ": is a folder, not a file");
        }
        if (!Files.exists(file)) {
            throw new InvalidInputException(option + " " + file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new IOException(option + " " + file + ": cannot read this file: permission denied");
        }
        return file;
    }

    /** A folder to read from: it exists and is a folder. */
    static Path inputFolder(String option, Path folder) throws IOException {
        return existingFolder(option, folder, "no such folder");
    }

    /** A folder to write in that must exist already: a folder, writable. */
    static Path existingOutputFolder(String option, Path folder) throws IOException {
        return outputFolder(option, folder, false);
    }

    /** A folder to write in: it exists (or is created with {@code create}), is a folder and is writable. */
    static Path outputFolder(String option, Path folder, boolean create) throws IOException {
        if (create && !Files.exists(folder)) {
            try {
                Files.createDirectories(folder);
            } catch (FileAlreadyExistsException e) {
                throw new InvalidInputException(option + " " + folder + ": cannot create this folder: " + e.getFile() + " is a file");
            }
        }
        existingFolder(option, folder, "no such folder; check the path, or pass --create-dirs to create it");
        if (!Files.isWritable(folder)) {
            throw new IOException(option + " " + folder + ": cannot write in this folder: permission denied (read-only?)");
        }
        return folder;
    }

    private static Path existingFolder(String option, Path folder, String missing) throws InvalidInputException {
        if (!Files.exists(folder)) {
            throw new InvalidInputException(option + " " + folder + ": " + missing);
        }
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException(option + " " + folder + ": is a file, not a folder");
        }
        return folder;
    }

    /** A file to write: not a folder, in a folder that exists (or is created with {@code create}) and is writable. */
    static Path outputFile(String option, Path file, boolean create) throws IOException {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(option + " " + file + ": is a folder; give a file name, e.g. " + file.resolve("netblocks.nbdb"));
        }
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.exists(folder) && !create) {
            throw new InvalidInputException(option + " " + file + ": the folder " + folder
                    + " does not exist; check the path, or pass --create-dirs to create it");
        }
        outputFolder(option + " " + file + ": folder", folder, create);
        return file;
    }
}
