package io.github.netblock.loader.cli;

import io.github.netblock.loader.publish.Publisher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "Installs a database into a folder a node watches ($ES_HOME/config/ingest-netblock/) or, with --es, "
                + "into the cluster, where every node fetches, checks and serves it: validates it, refuses it when it lost too "
                + "many blocks against the published one, makes it current atomically and keeps the replaced versions "
                + "(.history/ of the folder; the last 3 on every node of the cluster); --rollback puts the newest kept version back. "
                + "A missing --to folder is refused unless --create-dirs is given.")
final class PublishCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATABASE", description = "the .nbdb file to publish")
    Path database;

    @Option(names = "--rollback", description = "put the newest version kept in .history back in place instead")
    boolean rollback;

    @Mixin
    PublishOptions publish;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() throws IOException {
        if (rollback == (database != null)) {
            throw new ParameterException(spec.commandLine(), "give either a DATABASE or --rollback");
        }
        publish.checkDestination();
        if (publish.cluster() != null) {
            if (!rollback) {
                NamedPaths.inputFile("DATABASE", database);
            }
            return ClusterPublishing.run(publish, connection, rollback ? null : database, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        Publisher.Published p;
        if (rollback) {
            p = publish.rollbackPublisher().rollback();
        } else {
            NamedPaths.inputFile("DATABASE", database);
            p = publish.publisher().publish(database, publish.maxDrop());
        }
        spec.commandLine().getOut().printf("published %s as %s (%,d blocks%s)%n", rollback ? "the previous version" : database, p.file(), p.blocks(),
                p.previous() == null ? ""
                        : p.previousBlocks() < 0 ? String.format(", replacing a file that was not a readable database, kept as %s", p.previous())
                        : String.format(", replacing %,d blocks, kept as %s", p.previousBlocks(), p.previous()));
        return 0;
    }
}
