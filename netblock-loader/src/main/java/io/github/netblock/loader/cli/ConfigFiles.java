package io.github.netblock.loader.cli;

import io.github.netblock.loader.config.LoaderConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the configuration a command names with -c: a missing file or a folder is invalid input
 * (exit 3) like a configuration with errors; a file that exists but cannot be read is a failure (exit 1).
 */
final class ConfigFiles {
    private ConfigFiles() {}

    static LoaderConfig read(Path config) throws IOException {
        return LoaderConfig.read(NamedPaths.inputFile("--config", config));
    }
}
