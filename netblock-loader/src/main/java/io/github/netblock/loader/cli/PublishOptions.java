package io.github.netblock.loader.cli;

import io.github.netblock.loader.Printable;
import java.math.BigDecimal;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options {@code publish} and {@code update} share. {@link #validate()} runs before anything is
 * read or changed: a bad value is a usage error (exit 2) naming the option and the value, never a
 * failure halfway through a publish.
 */
final class PublishOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--to", required = true, paramLabel = "DIR",
            description = "the folder the nodes watch, e.g. $ES_HOME/config/ingest-netblock; it must exist unless --create-dirs is given")
    Path folder;

    @Option(names = "--create-dirs",
            description = "create the --to folder and its parents when missing (without it a missing folder is refused: a typo "
                    + "would publish where no node looks)")
    boolean createDirs;

    @Option(names = "--name", defaultValue = "default", paramLabel = "NAME",
            description = "the database name the processor's `database` option uses: letters, digits, - and _ (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--max-drop", defaultValue = "0.2", paramLabel = "SHARE",
            description = "refuse when the block count drops by more than this share of the published database's, from 0 "
                    + "(refuse any drop) to 1 (never refuse) (default: ${DEFAULT-VALUE}, 20%%)")
    double maxDrop;

    @Option(names = "--force", description = "publish even when the block count dropped more")
    boolean force;

    @Option(names = "--keep", defaultValue = "3", paramLabel = "N",
            description = "replaced versions to keep in .history, 1 or more: the replaced version is always kept so that "
                    + "--rollback can undo a publish (default: ${DEFAULT-VALUE})")
    int keep;

    void validate() {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new ParameterException(mixee.commandLine(), "--name '" + Printable.value(name) + "': may hold letters, digits, - and _ only");
        }
        if (!(maxDrop >= 0 && maxDrop <= 1)) { // NaN included
            throw new ParameterException(mixee.commandLine(), "--max-drop " + text(maxDrop)
                    + ": must be a share between 0 and 1 (0.2 refuses a database with more than 20% fewer blocks)");
        }
        if (keep < 1) {
            throw new ParameterException(mixee.commandLine(), "--keep " + keep
                    + ": must be 1 or more; the replaced version is always kept so that --rollback can undo a publish");
        }
    }

    /** 5 and -1 as the user typed them, not 5.0 and -1.0. */
    private static String text(double d) {
        return Double.isFinite(d) ? new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString() : Double.toString(d);
    }
}
