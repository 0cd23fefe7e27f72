package io.github.netblock.it.harness;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The platforms a scenario runs on when it cannot run on every one, for
 * {@code @ParameterizedClass @MethodSource("io.github.netblock.it.harness.Platforms#...")}: each selection names
 * the fact that excludes a platform, so that no exclusion is silent.
 */
public final class Platforms {
    private Platforms() {}

    /** The platforms whose integ-test distribution ships a security plugin ({@link Platform#shipsSecurity()}). */
    public static Stream<Platform> secured() {
        return Arrays.stream(Platform.values()).filter(Platform::shipsSecurity);
    }

    /**
     * The platforms of the Elastic stack's conventions ({@code logs@custom}, {@code logs@default-pipeline}, Fleet's
     * {@code @custom} hooks, Kibana): Elasticsearch. OpenSearch has no stack templates and no Fleet.
     */
    public static Stream<Platform> elasticStack() {
        return Arrays.stream(Platform.values()).filter(p -> !p.isOpenSearch());
    }
}
