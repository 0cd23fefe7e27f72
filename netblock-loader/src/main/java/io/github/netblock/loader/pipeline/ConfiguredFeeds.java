package io.github.netblock.loader.pipeline;

import io.github.netblock.index.model.SourceInfo;
import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.loader.config.LoaderConfig;
import io.github.netblock.loader.config.LoaderConfig.FeedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The build plan of a configuration: its enabled feeds, strongest first, each opened on its files.
 * Every file is checked before any is read, so a missing one fails at once, not after a long parse.
 * A feed's serial and date are those of its newest file; the data date is the newest of all.
 */
public final class ConfiguredFeeds {
    private static final String DEFAULT_DESCRIPTION = "netblock-loader build";

    private ConfiguredFeeds() {}

    public static BuildPlan plan(LoaderConfig config, Path baseDir) throws IOException {
        return plan(config, baseDir, notice -> { });
    }

    /**
     * @param notices told one line for each {@code optional: true} feed skipped because a file of it
     *                does not exist (yet)
     */
    public static BuildPlan plan(LoaderConfig config, Path baseDir, Consumer<String> notices) throws IOException {
        List<BuildPlan.Input> inputs = new ArrayList<>();
        Instant newest = null;
        for (FeedConfig f : config.feeds()) {
            if (!f.active()) {
                continue;
            }
            Path missing = f.isOptional() ? firstMissing(config.filesOf(f, baseDir)) : null;
            if (missing != null) {
                notices.accept("feed " + f.name() + ": skipped, " + missing + " does not exist (yet; optional: true)");
                continue;
            }
            List<Path> files = files(config, f, baseDir);
            Instant date = null;
            for (Path p : files) {
                Instant modified = Files.getLastModifiedTime(p).toInstant();
                date = date == null || modified.isAfter(date) ? modified : date;
            }
            newest = newest == null || (date != null && date.isAfter(newest)) ? date : newest;
            String serial = date == null ? null : LocalDate.ofInstant(date, ZoneOffset.UTC).toString();
            inputs.add(new BuildPlan.Input(new SourceInfo(f.name(), f.format().id(), serial, date, 0),
                    Feeds.open(f.name(), f.format(), files, f.charset(), f.budget())));
        }
        if (inputs.isEmpty()) {
            throw new InvalidInputException("every enabled feed was skipped (optional feeds whose files do not exist); "
                    + "a database without any would be empty");
        }
        return new BuildPlan(config.description() == null ? DEFAULT_DESCRIPTION : config.description(), newest, inputs);
    }

    private static Path firstMissing(List<Path> files) {
        return files.stream().filter(p -> !Files.exists(p)).findFirst().orElse(null);
    }

    private static List<Path> files(LoaderConfig config, FeedConfig f, Path baseDir) throws InvalidInputException {
        List<Path> files = config.filesOf(f, baseDir);
        for (Path p : files) {
            if (!Files.isRegularFile(p)) {
                throw new InvalidInputException("feed " + f.name() + ": file " + p
                        + (Files.isDirectory(p) ? " is a folder, not a file" : " does not exist")
                        + (f.files().isEmpty() ? " (run fetch first)" : ""));
            }
        }
        return files;
    }
}
