package io.github.netblock.it.harness;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.support.ParameterInfo;

/**
 * The platforms a scenario runs on when it cannot run on every one, for
 * {@code @ParameterizedClass @MethodSource("io.github.netblock.it.harness.Platforms#...")}: each selection names
 * the fact that excludes a platform, so that no exclusion is silent.
 */
public final class Platforms {
    private Platforms() {}

    /**
     * Every platform, or those named in the system property {@code netblock.it.platforms} (enum names, comma
     * separated, e.g. {@code -Dnetblock.it.platforms=ELASTICSEARCH_8_19} to try a change on one platform first; the
     * test command and CI set none, so everything runs on every platform).
     */
    public static Stream<Platform> all() {
        String only = System.getProperty("netblock.it.platforms", "").strip();
        if (only.isEmpty()) {
            return Arrays.stream(Platform.values());
        }
        java.util.Set<Platform> chosen = java.util.EnumSet.noneOf(Platform.class);
        for (String name : only.split(",")) {
            try {
                chosen.add(Platform.valueOf(name.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("netblock.it.platforms names [" + name.strip() + "], not one of "
                        + Arrays.toString(Platform.values()), e);
            }
        }
        return Arrays.stream(Platform.values()).filter(chosen::contains);
    }

    /** The platforms whose integ-test distribution ships a security plugin ({@link Platform#shipsSecurity()}). */
    public static Stream<Platform> secured() {
        return all().filter(Platform::shipsSecurity);
    }

    /**
     * The platforms of the Elastic stack's conventions ({@code logs@custom}, {@code logs@default-pipeline}, Fleet's
     * {@code @custom} hooks, Kibana): Elasticsearch. OpenSearch has no stack templates and no Fleet.
     */
    public static Stream<Platform> elasticStack() {
        return all().filter(p -> !p.isOpenSearch());
    }


    /**
     * The {@link Platform} argument of the {@code @ParameterizedClass} invocation a per-platform node or cluster
     * extension starts for; an {@link IllegalStateException} naming {@code what} when the class has none.
     */
    static Platform ofInvocation(ExtensionContext context, String what) {
        ParameterInfo invocation = ParameterInfo.get(context);
        return (invocation == null ? Stream.empty() : invocation.getArguments().toList().stream())
                .filter(Platform.class::isInstance).map(Platform.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("a per-platform " + what + " needs a @ParameterizedClass with a Platform argument"));
    }
}
