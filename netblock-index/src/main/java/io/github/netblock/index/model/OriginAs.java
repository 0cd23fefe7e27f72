package io.github.netblock.index.model;

/**
 * The AS that originates the routed prefix an address is in.
 *
 * @param number       the AS number
 * @param organization the AS's organisation name, or null
 */
public record OriginAs(long number, String organization) {}
