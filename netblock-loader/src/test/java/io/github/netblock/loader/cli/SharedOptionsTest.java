package io.github.netblock.loader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The option blocks several commands share are checked once, the same way in each, as the command
 * line is parsed: the configuration and the database named here do not exist, so a check made after
 * reading them would answer "invalid input" (3) instead of "invalid command line" (2).
 */
class SharedOptionsTest {
    @TempDir
    Path dir;

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    @Test
    void publishAndUpdateRefuseTheSameBadPublishValuesBeforeReadingAnything() {
        String config = dir.resolve("missing.yml").toString();
        String database = dir.resolve("missing.nbdb").toString();
        for (List<String> bad : List.of(List.of("--name", "../etc"), List.of("--keep", "0"), List.of("--max-drop", "5"))) {
            CliRun publish = CliRun.of(concat(List.of("publish", database, "--to", dir.toString()), bad));
            CliRun update = CliRun.of(concat(List.of("update", "-c", config, "--to", dir.toString()), bad));
            assertThat(publish.exit()).as("publish " + bad).isEqualTo(NetblockLoader.USAGE);
            assertThat(update.exit()).as("update " + bad).isEqualTo(NetblockLoader.USAGE);
            assertThat(firstLine(publish.err())).startsWith(bad.get(0) + " ").isEqualTo(firstLine(update.err()));
        }
    }

    @Test
    void fetchAndUpdateRefuseANegativeRetryCountBeforeReadingTheConfiguration() {
        String config = dir.resolve("missing.yml").toString();
        CliRun fetch = CliRun.of("fetch", "-c", config, "--retries", "-1");
        CliRun update = CliRun.of("update", "-c", config, "--to", dir.toString(), "--retries", "-1");
        assertThat(fetch.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(update.exit()).isEqualTo(NetblockLoader.USAGE);
        assertThat(firstLine(fetch.err())).isEqualTo("--retries -1: must be 0 or more").isEqualTo(firstLine(update.err()));
    }

    @Test
    void everyCommandThatReadsAConfigurationDescribesConfigAndQuietAlike() {
        var commands = NetblockLoader.commandLine().getSubcommands();
        for (String option : List.of("--config", "--quiet")) {
            List<List<String>> descriptions = Stream.of("build", "fetch", "update")
                    .map(c -> List.of(commands.get(c).getCommandSpec().findOption(option).description())).toList();
            assertThat(descriptions).as(option).allSatisfy(d -> assertThat(d).isEqualTo(descriptions.get(0)));
        }
    }

    private static String[] concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }
}
