package io.github.netblock.it.harness;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One real node shared by the tests of a class: started before the first test, stopped and
 * deleted after the last. A failing test gets the node's log tail printed with its failure.
 *
 * <pre>@RegisterExtension static final ElasticsearchNodeExtension ES = new ElasticsearchNodeExtension(new Options().name("smoke"));</pre>
 *
 * <p>A class that runs on every platform starts one node per platform instead:
 *
 * <pre>
 * &#64;ParameterizedClass &#64;EnumSource(Platform.class)
 * class SomeIT {
 *     &#64;RegisterExtension static final ElasticsearchNodeExtension ES = ElasticsearchNodeExtension.perPlatform(new Options().name("x"));
 *     &#64;Parameter Platform platform;
 *     &#64;BeforeParameterizedClassInvocation static void start(Platform p) throws Exception { ES.start(p); }
 *     &#64;AfterParameterizedClassInvocation static void stop() throws Exception { ES.stop(); }
 * </pre>
 */
public final class ElasticsearchNodeExtension implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {
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

    /** An extension whose node is started by {@link #start(Platform)}, once for each platform the class runs on. */
    public static ElasticsearchNodeExtension perPlatform(ElasticsearchNode.Options options) {
        return new ElasticsearchNodeExtension(options, true);
    }

    public ElasticsearchNode node() {
        if (node == null) {
            throw new IllegalStateException("the node is not started (register the extension as a static field)");
        }
        return node;
    }

    /** Starts the node of a platform (after stopping the previous platform's, if any). */
    public void start(Platform platform) throws Exception {
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
