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

    /**
     * The platforms whose node the Elasticsearch Java client of {@link ElasticsearchNode#client()} talks to. The
     * client (co.elastic.clients 8.19) refuses every answer without the header {@code X-Elastic-Product:
     * Elasticsearch} ("Missing [X-Elastic-Product] header"), which OpenSearch does not send. A limit of the test's
     * client, not of the plugin: a scenario written with it runs on OpenSearch once it speaks plain REST.
     */
    public static Stream<Platform> elasticsearchClient() {
        return Arrays.stream(Platform.values()).filter(p -> !p.isOpenSearch());
    }

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
