package io.github.netblock.loader.cli;

import io.github.netblock.ingest.core.text.Printable;
import io.github.netblock.loader.publish.Publisher;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options {@code publish} and {@code update} share. Each value is checked as it is parsed, so
 * no command that mixes these in can forget a check: a bad value is a usage error (exit 2) naming
 * the option and the value, before anything is read or changed.
 */
final class PublishOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--to", paramLabel = "DIR",
            description = "the folder the nodes watch, e.g. $ES_HOME/config/ingest-netblock; it must exist unless --create-dirs is given")
    private Path folder;

    @Option(names = "--es", paramLabel = "URL",
            description = "publish into the cluster instead (every node fetches, checks and serves it), e.g. https://127.0.0.1:9200")
    private String cluster;

    @Option(names = "--create-dirs",
            description = "create the --to folder and its parents when missing (without it a missing folder is refused: a typo "
                    + "would publish where no node looks)")
    private boolean createDirs;

    private String name;
    private double maxDrop;

    @Option(names = "--force", description = "publish even when the block count dropped more")
    private boolean force;

    private int keep;

    @Option(names = "--name", defaultValue = "default", paramLabel = "NAME",
            description = "the database name the processor's `database` option uses: letters, digits, - and _ (default: ${DEFAULT-VALUE})")
    void name(String value) {
        if (!Publisher.isValidName(value)) {
            throw new ParameterException(mixee.commandLine(), "--name '" + Printable.value(value) + "': may hold letters, digits, - and _ only");
        }
        name = value;
    }

    @Option(names = "--max-drop", defaultValue = "0.2", paramLabel = "SHARE",
            description = "refuse when the block count drops by more than this share of the published database's, from 0 "
                    + "(refuse any drop) to 1 (never refuse) (default: ${DEFAULT-VALUE}, 20%%)")
    void maxDrop(double share) {
        if (!(share >= 0 && share <= 1)) { // NaN included
            throw new ParameterException(mixee.commandLine(), "--max-drop " + text(share)
                    + ": must be a share between 0 and 1 (0.2 refuses a database with more than 20% fewer blocks)");
        }
        maxDrop = share;
    }

    @Option(names = "--keep", defaultValue = "3", paramLabel = "N",
            description = "replaced versions to keep in .history, 1 or more: the replaced version is always kept so that "
                    + "--rollback can undo a publish (default: ${DEFAULT-VALUE})")
    void keep(int n) {
        if (n < 1) {
            throw new ParameterException(mixee.commandLine(), "--keep " + n
                    + ": must be 1 or more; the replaced version is always kept so that --rollback can undo a publish");
        }
        keep = n;
    }

    /** 5 and -1 as the user typed them, not 5.0 and -1.0. */
    private static String text(double d) {
        return Double.isFinite(d) ? new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString() : Double.toString(d);
    }

    String name() {
        return name;
    }

    /** The published file, {@code DIR/NAME.nbdb}. */
    Path target() {
        return folder.resolve(name + ".nbdb");
    }

    /** The cluster URL of --es, or null when publishing into a folder (--to). */
    String cluster() {
        return cluster;
    }

    /** One destination: --to DIR or --es URL (a usage error, exit 2, otherwise). */
    void checkDestination() {
        if ((folder == null) == (cluster == null)) {
            throw new ParameterException(mixee.commandLine(), folder == null
                    ? "give where to publish: --to DIR (a folder the nodes watch) or --es URL (the cluster)"
                    : "give one of --to DIR and --es URL, not both");
        }
        if (cluster != null && createDirs) {
            throw new ParameterException(mixee.commandLine(), "--create-dirs applies to --to DIR, not to --es");
        }
    }

    /**
     * The destination checked before the work that ends in a publish: a missing --to folder passes only with
     * --create-dirs, and is created only when there is something to publish.
     */
    void checkFolderBeforehand() throws IOException {
        checkDestination();
        if (cluster != null) {
            return;
        }
        if (!(createDirs && Files.notExists(folder))) {
            NamedPaths.existingOutputFolder("--to", folder);
        }
    }

    /** The publisher into --to, which is created when missing with --create-dirs and refused otherwise. */
    Publisher publisher() throws IOException {
        return new Publisher(NamedPaths.outputFolder("--to", folder, createDirs), name, keep);
    }

    /** The publisher that rolls back in --to: nothing to roll back in a folder that does not exist, so it is never created. */
    Publisher rollbackPublisher() throws IOException {
        return new Publisher(NamedPaths.existingOutputFolder("--to", NamedPaths.inputFolder("--to", folder)), name, keep);
    }

    /** The share of blocks a new version may lose: any with --force. */
    double maxDrop() {
        return force ? Publisher.ANY_DROP : maxDrop;
    }
}
