package io.github.netblock.it.harness;

import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One {@link ElasticsearchCluster} shared by the tests of a class, like {@link ElasticsearchNodeExtension} for a node:
 * started before the first test, stopped and deleted after the last; a failing test gets every node's log tail.
 *
 * <pre>@RegisterExtension static final ElasticsearchClusterExtension CLUSTER = new ElasticsearchClusterExtension(3, new Options().name("c"));</pre>
 *
 * <p>In a {@code @ParameterizedClass} over {@link Platform}, one cluster per platform, its options chosen by platform:
 *
 * <pre>
 * &#64;RegisterExtension static final ElasticsearchClusterExtension CLUSTER = ElasticsearchClusterExtension.perPlatform(3,
 *         platform -&gt; new Options().name("c").security(platform.shipsSecurity()));
 * </pre>
 */
public final class ElasticsearchClusterExtension implements BeforeAllCallback, AfterAllCallback, BeforeClassTemplateInvocationCallback,
        AfterClassTemplateInvocationCallback, TestExecutionExceptionHandler {
    private final int size;
    private final Function<Platform, ElasticsearchNode.Options> options;
    private final Platform fixed;
    private ElasticsearchCluster cluster;

    /** A cluster of {@code size} nodes of the options' platform for the whole class. */
    public ElasticsearchClusterExtension(int size, ElasticsearchNode.Options options) {
        this(size, p -> options, options.platform);
    }

    private ElasticsearchClusterExtension(int size, Function<Platform, ElasticsearchNode.Options> options, Platform fixed) {
        this.size = size;
        this.options = options;
        this.fixed = fixed;
    }

    /** A cluster started for each invocation of a {@code @ParameterizedClass} with a {@link Platform} argument. */
    public static ElasticsearchClusterExtension perPlatform(int size, Function<Platform, ElasticsearchNode.Options> options) {
        return new ElasticsearchClusterExtension(size, options, null);
    }

    /** The same options on every platform. */
    public static ElasticsearchClusterExtension perPlatform(int size, ElasticsearchNode.Options options) {
        return perPlatform(size, p -> options);
    }

    public ElasticsearchCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("the cluster is not started (register the extension as a static field)");
        }
        return cluster;
    }

    /** Starts the cluster of a platform (after stopping another platform's, if any); nothing when it runs already. */
    public void start(Platform platform) throws Exception {
        if (cluster != null && cluster.platform() == platform) {
            return;
        }
        stop();
        cluster = ElasticsearchCluster.start(platform, size, options.apply(platform));
    }

    /** Stops and deletes every node. */
    public void stop() throws Exception {
        if (cluster != null) {
            ElasticsearchCluster c = cluster;
            cluster = null;
            c.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (fixed != null) {
            start(fixed);
        }
    }

    @Override
    public void beforeClassTemplateInvocation(ExtensionContext context) throws Exception {
        if (fixed == null) {
            start(Platforms.ofInvocation(context, "cluster"));
        }
    }

    @Override
    public void afterClassTemplateInvocation(ExtensionContext context) throws Exception {
        if (fixed == null) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (cluster != null) {
            for (ElasticsearchNode n : cluster.nodes()) {
                System.err.println("=== " + context.getDisplayName() + " on " + cluster.platform() + " failed; last lines of " + n.name()
                        + "'s log" + (n.isAlive() ? "" : " (stopped)") + ":\n" + n.logTail(40));
            }
        }
        throw failure;
    }
}
