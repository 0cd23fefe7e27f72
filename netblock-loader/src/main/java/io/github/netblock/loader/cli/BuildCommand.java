package io.github.netblock.loader.cli;

import io.github.netblock.loader.InvalidInputException;
import io.github.netblock.loader.config.LoaderConfig;
import io.github.netblock.loader.pipeline.ConfiguredFeeds;
import io.github.netblock.loader.pipeline.DatabasePipeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Parses the configured feed files and writes a .nbdb database (temp file, fsync, atomic rename). "
                + "Feeds are listed strongest first in the configuration. A feed beyond its error budget or without "
                + "records is refused (exit 3) and nothing is written.")
final class BuildCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "the database to write (default: the configuration's output); its folder must exist unless --create-dirs is given")
    Path output;

    @Option(names = "--create-dirs", description = "create the output file's folder and its parents when missing")
    boolean createDirs;

    @Mixin
    QuietOption quiet;

    @Override
    public Integer call() throws IOException {
        LoaderConfig c = config.read();
        Path base = config.baseDir();
        Path out = output != null ? output : c.output() != null ? base.resolve(c.output()) : null;
        if (out == null) {
            throw new InvalidInputException(config.file() + ": no output file: set output in the configuration or pass --output");
        }
        // before the feeds are read: a typo in -o must not cost a long build first
        NamedPaths.outputFile(output != null ? "--output" : "output (from " + config.file() + ")", out, createDirs);
        PrintWriter log = quiet.log();
        DatabasePipeline.Result r = new DatabasePipeline(log, quiet.progress()).build(ConfiguredFeeds.plan(c, base, log::println), out);
        quiet.warn(r.warnings());
        var counts = r.report().metadata().counts();
        log.printf("wrote %s: %,d IPv4 + %,d IPv6 blocks (%,d merged duplicates, %,d dropped overlaps), %,d bytes, checksum %s, %d ms%n",
                out, counts.v4Blocks(), counts.v6Blocks(), counts.mergedDuplicates(), counts.droppedOverlaps(),
                r.report().metadata().fileLength(), r.report().metadata().checksumHex(), r.report().elapsed().toMillis());
        log.flush();
        return 0;
    }
}
