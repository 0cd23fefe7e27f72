package io.github.netblock.loader.cli;

import io.github.netblock.loader.publish.Publisher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Installs a database into a folder a node watches ($ES_HOME/config/ingest-netblock/): validates it, "
                + "refuses it when it lost too many blocks against the published one, renames it into place atomically "
                + "and keeps the replaced versions in .history/; --rollback puts the newest kept version back.")
final class PublishCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATABASE", description = "the .nbdb file to publish")
    Path database;

    @Option(names = "--rollback", description = "put the newest version kept in .history back in place instead")
    boolean rollback;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "the folder, e.g. $ES_HOME/config/ingest-netblock")
    Path folder;

    @Option(names = "--name", defaultValue = "default", paramLabel = "NAME",
            description = "the database name the processor's `database` option uses (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--max-drop", defaultValue = "0.2", paramLabel = "SHARE",
            description = "refuse when the block count drops by more than this share (default: ${DEFAULT-VALUE})")
    double maxDrop;

    @Option(names = "--force", description = "publish even when the block count dropped more")
    boolean force;

    @Option(names = "--keep", defaultValue = "3", paramLabel = "N", description = "replaced versions to keep (default: ${DEFAULT-VALUE})")
    int keep;

    @Override
    public Integer call() throws IOException {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new NetblockLoader.InvalidConfigurationException("--name [" + name + "] may hold letters, digits, - and _ only");
        }
        if (rollback == (database != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give either a DATABASE or --rollback");
        }
        Publisher.Published p = rollback ? Publisher.rollback(folder, name, keep) : Publisher.publish(database, folder, name, maxDrop, force, keep);
        spec.commandLine().getOut().printf("published %s as %s (%,d blocks%s)%n", rollback ? "the previous version" : database, p.file(), p.blocks(),
                p.previous() == null ? "" : String.format(", replacing %,d blocks, kept as %s", p.previousBlocks(), p.previous()));
        return 0;
    }
}
