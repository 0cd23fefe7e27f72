package io.github.netblock.ingest;

import io.github.netblock.ingest.core.database.DatabaseRegistry;
import java.nio.file.Path;
import org.elasticsearch.watcher.FileChangesListener;
import org.elasticsearch.watcher.FileWatcher;

/** Hands what Elasticsearch's file watcher sees in the config folder to the registry, which decides. */
final class DatabaseFolderListener implements FileChangesListener {
    private final DatabaseRegistry registry;

    private DatabaseFolderListener(DatabaseRegistry registry) {
        this.registry = registry;
    }

    /** A watcher of the registry's folder, to add to the node's resource watcher service. */
    static FileWatcher watcher(DatabaseRegistry registry) {
        FileWatcher watcher = new FileWatcher(registry.directory());
        watcher.addListener(new DatabaseFolderListener(registry));
        return watcher;
    }

    @Override
    public void onFileInit(Path file) {
        registry.loadIfChanged(file);
    }

    @Override
    public void onFileCreated(Path file) {
        registry.load(file);
    }

    @Override
    public void onFileChanged(Path file) {
        registry.load(file);
    }

    @Override
    public void onFileDeleted(Path file) {
        registry.remove(file);
    }

    @Override
    public void onDirectoryCreated(Path file) {
        registry.directoryCreated(file);
    }
}
