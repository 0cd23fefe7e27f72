package io.github.netblock.loader.cli;

import io.github.netblock.loader.config.LoaderConfig;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -c/--config}: the loader configuration, for the commands that read one. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the loader configuration (YAML)")
    private Path file;

    /**
     * Reads the configuration: a missing file or a folder is invalid input (exit 3) like a
     * configuration with errors; a file that exists but cannot be read is a failure (exit 1).
     */
    LoaderConfig read() throws IOException {
        return LoaderConfig.read(NamedPaths.inputFile("--config", file));
    }

    /** The folder the configuration's relative paths start from: the configuration's own. */
    Path baseDir() {
        return file.toAbsolutePath().getParent();
    }

    Path file() {
        return file;
    }
}
