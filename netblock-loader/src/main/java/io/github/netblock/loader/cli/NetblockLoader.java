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
            ResolveCommand.class, BackfillCommand.class,
            SetupCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes (the same for every command):%n",
        exitCodeList = {
            "0:success",
            "1:failure: reading or writing failed although the input was right (permission denied, disk full, network, "
                    + "download), unexpected error",
            "2:invalid command line: unknown option, missing or malformed argument or value (an IP that is not one, "
                    + "--keep 0, --max-drop 5)",
            "3:invalid input: a file or folder named on the command line or in the configuration that is missing or of "
                    + "the wrong kind, a bad configuration, a feed beyond its error budget or without records, a corrupt database",
            "4:publish refused by a safety check (nothing was changed)",
            "5:lookup found nothing"})
public final class NetblockLoader {
    public static final int USAGE = 2;
    public static final int INVALID_INPUT = 3;
    public static final int REFUSED = 4;
    public static final int NOT_FOUND = 5;

    private NetblockLoader() {}

    /** The command line with this tool's exit-code mapping. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(NetblockLoader.class);
        // every command's --help shows the table: a script author reads the help of the command it runs
        var codes = cli.getCommandSpec().usageMessage().exitCodeList();
        for (CommandLine sub : cli.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        }
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("netblock-loader " + cmd.getCommandName() + ": " + Failures.message(e));
            cmd.getErr().flush();
            return Failures.exitCode(e);
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
