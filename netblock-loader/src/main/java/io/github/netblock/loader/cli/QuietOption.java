package io.github.netblock.loader.cli;

import io.github.netblock.loader.progress.Progress;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code -q/--quiet}, for cron: nothing but errors. A few bad records in a big dump are no reason
 * for a mail, so their warnings go too.
 */
final class QuietOption {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = {"-q", "--quiet"}, description = "print nothing but errors (for cron): no counts, no progress, no warnings about single bad records")
    private boolean quiet;

    /** Where counts and progress lines go: standard output, or nowhere with -q. */
    PrintWriter log() {
        return quiet ? new PrintWriter(Writer.nullWriter()) : mixee.commandLine().getOut();
    }

    /** A progress bar on a terminal, lines in {@link #log()} otherwise, nothing with -q. */
    Progress progress() {
        return Progress.choose(quiet, log());
    }

    /** Each warning on standard error, unless -q. */
    void warn(List<String> warnings) {
        if (!quiet) {
            PrintWriter err = mixee.commandLine().getErr();
            warnings.forEach(w -> err.println("warning: " + w));
            err.flush();
        }
    }
}
