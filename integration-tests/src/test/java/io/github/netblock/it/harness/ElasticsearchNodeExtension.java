package io.github.netblock.it.harness;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One real node shared by the tests of a class: started before the first test, stopped and
 * deleted after the last. A failing test gets the node's log tail printed with its failure.
 *
 * <pre>@RegisterExtension static final ElasticsearchNodeExtension ES = new ElasticsearchNodeExtension(new Options().name("smoke"));</pre>
 *
 * <p>A class that runs on every platform gets one node per platform instead, started before each invocation of
 * the parameterized class with the invocation's {@link Platform} argument and stopped after it:
 *
 * <pre>
 * &#64;ParameterizedClass &#64;EnumSource(Platform.class)
 * class SomeIT {
 *     &#64;RegisterExtension static final ElasticsearchNodeExtension ES = ElasticsearchNodeExtension.perPlatform(new Options().name("x"));
 *     &#64;Parameter Platform platform;
 * </pre>
 */
public final class ElasticsearchNodeExtension implements BeforeAllCallback, AfterAllCallback, BeforeClassTemplateInvocationCallback,
        AfterClassTemplateInvocationCallback, TestExecutionExceptionHandler {
    private final ElasticsearchNode.Options options;
    private final boolean perPlatform;
    private ElasticsearchNode node;

    public ElasticsearchNodeExtension(ElasticsearchNode.Options options) {
        this(options, false);
    }

    private ElasticsearchNodeExtension(ElasticsearchNode.Options options, boolean perPlatform) {
        this.options = options;
        this.perPlatform = perPlatform;
    }

    /** An extension whose node is started for each invocation of a {@code @ParameterizedClass} over {@link Platform}. */
    public static ElasticsearchNodeExtension perPlatform(ElasticsearchNode.Options options) {
        return new ElasticsearchNodeExtension(options, true);
    }

    public ElasticsearchNode node() {
        if (node == null) {
            throw new IllegalStateException("the node is not started (register the extension as a static field)");
        }
        return node;
    }

    /** Starts the node of a platform (after stopping the previous platform's, if any); nothing when it runs already. */
    public void start(Platform platform) throws Exception {
        if (node != null && node.platform() == platform) {
            return;
        }
        stop();
        node = ElasticsearchNode.start(options.platform(platform));
    }

    /** Stops and deletes the node. */
    public void stop() throws Exception {
        if (node != null) {
            node.close();
            node = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!perPlatform) {
            node = ElasticsearchNode.start(options);
        }
    }

    @Override
    public void beforeClassTemplateInvocation(ExtensionContext context) throws Exception {
        if (perPlatform) {
            start(Platforms.ofInvocation(context, "node"));
        }
    }

    @Override
    public void afterClassTemplateInvocation(ExtensionContext context) throws Exception {
        if (perPlatform) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (node != null) {
            System.err.println("=== " + context.getDisplayName() + " on " + node.platform() + " failed; last lines of the node's log:\n"
                    + node.logTail(60));
        }
        throw failure;
    }
}
