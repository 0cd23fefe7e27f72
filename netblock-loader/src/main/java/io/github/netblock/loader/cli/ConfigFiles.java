package io.github.netblock.loader.cli;

import io.github.netblock.loader.config.LoaderConfig;
import java.io.IOException;
import java.nio.file.Path;

/** Reads a configuration, turning its errors into exit code 3. */
final class ConfigFiles {
    private ConfigFiles() {}

    static LoaderConfig read(Path config) throws IOException {
        try {
            return LoaderConfig.read(config);
        } catch (IOException e) {
            throw new NetblockLoader.InvalidConfigurationException(e.getMessage());
        }
    }
}
