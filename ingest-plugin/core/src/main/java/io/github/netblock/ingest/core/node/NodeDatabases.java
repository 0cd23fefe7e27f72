package io.github.netblock.ingest.core.node;

import io.github.netblock.ingest.core.database.DatabaseRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The databases of one node, as every platform's plugin opens them: the bundled database (a class-path
 * resource of the plugin), then every {@code *.nbdb} already in {@code config/ingest-netblock}.
 */
public final class NodeDatabases {
    /** The folder under the node's config folder that is watched for {@code *.nbdb} files. */
    public static final String CONFIG_FOLDER = "ingest-netblock";
    /** Where the bundled-database jar keeps the default database. */
    public static final String BUNDLED_RESOURCE = "/io/github/netblock/ingest/database/default.nbdb";
    /** The default of the node setting {@code ingest.netblock.max_age}. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);

    private NodeDatabases() {}

    /**
     * Opens the registry of a node.
     *
     * @param configDir the node's config folder (the watched folder is {@link #CONFIG_FOLDER} inside it)
     * @param tmpDir    the node's temp folder, where private copies are mapped
     * @param maxAge    databases whose data is older are reported stale
     */
    public static DatabaseRegistry open(Path configDir, Path tmpDir, Duration maxAge) {
        DatabaseRegistry registry = new DatabaseRegistry(configDir.resolve(CONFIG_FOLDER), tmpDir, Clock.systemUTC(), maxAge);
        try (InputStream bundled = NodeDatabases.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (bundled == null) {
                throw new IllegalStateException("the plugin lacks its bundled database " + BUNDLED_RESOURCE
                        + " (the ingest-netblock-bundled-database jar)");
            }
            registry.loadBundled(bundled);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the bundled netblock database", e);
        }
        registry.loadDirectory();
        return registry;
    }
}
