package io.github.netblock.loader.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.loader.config.LoaderConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optional: true}: a missing file skips the feed with a notice; without it a missing file still fails. */
class OptionalFeedTest {
    @TempDir
    Path dir;

    private Path config(String extra) throws IOException {
        Files.writeString(dir.resolve("ripe.db.inetnum"), "inetnum: 192.0.2.0 - 192.0.2.255\nnetname: EXAMPLE-NET\ncountry: NL\nsource: RIPE\n");
        Path c = dir.resolve("loader.yml");
        Files.writeString(c, "feeds:\n"
                + "  - name: ripe\n    format: rpsl\n    files: [ripe.db.inetnum]\n" + extra);
        return c;
    }

    @Test
    void aMissingFileOfAnOptionalFeedSkipsItWithOneNotice() throws IOException {
        Path c = config("  - name: resolved-rdns\n    format: rdns-csv\n    optional: true\n    files: [cache/resolve/rdns.csv]\n");
        List<String> notices = new ArrayList<>();
        BuildPlan plan = ConfiguredFeeds.plan(LoaderConfig.read(c), dir, notices::add);
        assertThat(plan.feeds()).extracting(BuildPlan.Input::name).containsExactly("ripe");
        assertThat(notices).singleElement().satisfies(n -> assertThat(n)
                .contains("feed resolved-rdns").contains("skipped").contains(dir.resolve("cache/resolve/rdns.csv").toString()));
    }

    @Test
    void anOptionalFeedWhoseFileExistsIsRead() throws IOException {
        Path c = config("  - name: resolved-rdns\n    format: rdns-csv\n    optional: true\n    files: [rdns.csv]\n");
        Files.writeString(dir.resolve("rdns.csv"), "ip,hostname,first_seen,last_seen\n192.0.2.7,scanner.example.com,2026-11-01T00:00:00Z,2026-11-02T00:00:00Z\n");
        List<String> notices = new ArrayList<>();
        BuildPlan plan = ConfiguredFeeds.plan(LoaderConfig.read(c), dir, notices::add);
        assertThat(plan.feeds()).extracting(BuildPlan.Input::name).containsExactly("ripe", "resolved-rdns");
        assertThat(notices).isEmpty();
    }

    @Test
    void aMissingFileOfAFeedWithoutTheFlagStillFails() throws IOException {
        Path c = config("  - name: rdns\n    format: rdns-csv\n    files: [rdns.csv]\n");
        assertThatThrownBy(() -> ConfiguredFeeds.plan(LoaderConfig.read(c), dir, n -> { }))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("feed rdns").hasMessageContaining("does not exist");
    }

    @Test
    void onlyOptionalFeedsAllMissingIsRefusedNotAnEmptyDatabase() throws IOException {
        Path c = dir.resolve("only.yml");
        Files.writeString(c, "feeds:\n  - name: resolved-rdns\n    format: rdns-csv\n    optional: true\n    files: [rdns.csv]\n");
        assertThatThrownBy(() -> ConfiguredFeeds.plan(LoaderConfig.read(c), dir, n -> { }))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("skipped");
    }

    @Test
    void optionalMustBeTrueOrFalse() throws IOException {
        Path c = config("  - name: resolved-rdns\n    format: rdns-csv\n    optional: maybe\n    files: [rdns.csv]\n");
        assertThatThrownBy(() -> LoaderConfig.read(c)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("optional").hasMessageContaining("maybe");
    }
}
