package io.github.netblock.loader.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code netblock-loader} command line. */
@Command(name = "netblock-loader",
        mixinStandardHelpOptions = true,
        version = "netblock-loader 0.1.0",
        description = "Builds netblock databases (.nbdb) from WHOIS dumps and other feeds, publishes them to the "
                + "folder the ingest-netblock plugin watches, and answers lookups from them.",
        subcommands = {FetchCommand.class, BuildCommand.class, PublishCommand.class, UpdateCommand.class, InspectCommand.class, LookupCommand.class,
            SetupCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:failure (I/O, unexpected error)",
            "2:invalid command line",
            "3:invalid input: a feed beyond its error budget, a corrupt database, a bad configuration",
            "4:publish refused by a safety check (nothing was changed)",
            "5:lookup found nothing"})
public final class NetblockLoader {
    public static final int INVALID_INPUT = 3;
    public static final int REFUSED = 4;
    public static final int NOT_FOUND = 5;

    private NetblockLoader() {}

    /** The command line with this tool's exit-code mapping. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(NetblockLoader.class);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String message = e instanceof java.nio.file.NoSuchFileException missing
                    ? "no such file: " + missing.getFile() + (missing.getReason() == null ? "" : " (" + missing.getReason() + ")")
                    : e.getMessage() == null ? e.toString() : e.getMessage();
            cmd.getErr().println("netblock-loader " + cmd.getCommandName() + ": " + message);
            if (e instanceof io.github.netblock.loader.publish.Publisher.RefusedException) {
                return REFUSED;
            }
            if (e instanceof io.github.netblock.loader.feed.FeedFormatException
                    || e instanceof io.github.netblock.index.read.InvalidDatabaseException
                    || e instanceof InvalidConfigurationException) {
                return INVALID_INPUT;
            }
            return 1;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** A configuration file that cannot be used. */
    static final class InvalidConfigurationException extends java.io.IOException {
        InvalidConfigurationException(String message) {
            super(message);
        }
    }
}
