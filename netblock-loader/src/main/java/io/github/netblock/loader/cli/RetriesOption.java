package io.github.netblock.loader.cli;

import io.github.netblock.loader.download.Downloader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --retries}, for the commands that download. A negative count is a usage error (exit 2). */
final class RetriesOption {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private int retries;

    @Option(names = "--retries", defaultValue = "3", paramLabel = "N", description = "retries of a failed download, 0 or more (default: ${DEFAULT-VALUE})")
    void retries(int n) {
        if (n < 0) {
            throw new ParameterException(mixee.commandLine(), "--retries " + n + ": must be 0 or more");
        }
        retries = n;
    }

    Downloader.Options downloads() {
        return Downloader.Options.DEFAULT.withRetries(retries);
    }
}
