package io.github.netblock.loader.merge;

import io.github.netblock.index.ip.IpRange;

/** A range with a value: an entry of a {@link RangeLayer}. */
public record Layered<T>(IpRange range, T value) {}
