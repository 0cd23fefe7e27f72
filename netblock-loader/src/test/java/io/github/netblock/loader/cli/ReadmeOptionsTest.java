package io.github.netblock.loader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option of every command's {@code --help} is in the README where a reader of that command looks: its
 * row of the command table, or the section the row links to ({@code resolve}, {@code backfill}, {@code setup}'s
 * dashboards section). A short form shown in the row ({@code -c}, {@code -o}, {@code -q}) counts when the README
 * names its long form somewhere ("{@code -c} is {@code --config}"). An option added to a command without a word in
 * the README fails here, naming the command and the option.
 */
class ReadmeOptionsTest {
    /** Where the command's own section starts and ends, for commands whose row links to one. */
    private static final Map<String, List<String>> SECTIONS = Map.of(
            "resolve", List.of("### Reverse DNS, registrars and RDAP networks", "### Re-annotating stored documents"),
            "backfill", List.of("### Re-annotating stored documents", "## dashboards"),
            "setup", List.of("## dashboards", "## integration-tests"));

    private static String readme() throws IOException {
        Path readme = Path.of("..", "README.md"); // surefire runs in the module's folder
        assertThat(readme).as("the project's README beside the module").isRegularFile();
        return Files.readString(readme, StandardCharsets.UTF_8);
    }

    /** The command's rows of the command table, its section, and what a row refers to ("connection options of publish --es"). */
    static String textOf(String readme, String command) {
        List<String> lines = readme.lines().toList();
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("| `" + command + " ")) {
                text.append(line).append('\n');
            }
        }
        List<String> section = SECTIONS.get(command);
        if (section != null) {
            int from = readme.indexOf(section.get(0));
            int to = readme.indexOf(section.get(1), from + 1);
            assertThat(from).as("README section " + section.get(0)).isNotNegative();
            assertThat(to).as("README section after " + section.get(0)).isGreaterThan(from);
            text.append(readme, from, to);
        }
        if (text.indexOf("connection options of publish --es") >= 0) {
            lines.stream().filter(l -> l.startsWith("| `publish DATABASE --es ")).forEach(l -> text.append(l).append('\n'));
        }
        return text.toString();
    }

    /** The options of {@code command} the README does not mention where its reader looks. */
    static List<String> undocumented(String readme, String command, CommandLine cli) {
        String text = textOf(readme, command);
        List<String> missing = new ArrayList<>();
        for (OptionSpec option : cli.getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp() || option.hidden()) {
                continue;
            }
            String longName = option.longestName();
            if (text.contains(longName)) {
                continue;
            }
            boolean shortShown = false;
            for (String name : option.names()) {
                if (!name.startsWith("--") && (text.contains("`" + name + " ") || text.contains(" " + name + " ")
                        || text.contains("[" + name + " ") || text.contains("[" + name + "]") || text.contains("`" + name + "`"))) {
                    shortShown = true;
                }
            }
            if (!(shortShown && readme.contains(longName))) {
                missing.add(command + " " + longName);
            }
        }
        return missing;
    }

    @Test
    void everyOptionOfEveryCommandIsInItsReadmeRowOrSection() throws IOException {
        String readme = readme();
        Map<String, CommandLine> commands = NetblockLoader.commandLine().getSubcommands();
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (var e : commands.entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            assertThat(textOf(readme, e.getKey())).as("the README has a row for " + e.getKey()).isNotBlank();
            missing.addAll(undocumented(readme, e.getKey(), e.getValue()));
            checked += e.getValue().getCommandSpec().options().size();
        }
        assertThat(checked).as("options seen").isGreaterThan(100);
        assertThat(missing).as("options in --help that the README does not mention for their command").isEmpty();
    }

    @Test
    void anOptionTheReadmeDoesNotMentionIsFound() {
        // the check itself: resolve's row and section without --dns-rate must report exactly that option
        CommandLine resolve = NetblockLoader.commandLine().getSubcommands().get("resolve");
        String full = resolve.getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp())
                .map(OptionSpec::longestName).collect(Collectors.joining(" ", "`-c`, `-q`", ""));
        String readme = "| `resolve -c CONFIG` | x |\n### Reverse DNS, registrars and RDAP networks\n" + full.replace("--dns-rate", "--dns-XXXX")
                + "\n### Re-annotating stored documents\n";
        assertThat(undocumented(readme, "resolve", resolve)).containsExactly("resolve --dns-rate");
        assertThat(undocumented(readme.replace("--dns-XXXX", "--dns-rate"), "resolve", resolve)).isEmpty();
    }
}
