package io.github.netblock.index.builder;

import io.github.netblock.index.format.DatabaseMetadata;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a build produced.
 *
 * @param file     the written database
 * @param metadata its header, as a reader will see it
 * @param elapsed  time spent in {@code build} (sorting, sweeping, writing)
 */
public record BuildReport(Path file, DatabaseMetadata metadata, Duration elapsed) {}
