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
 */
public final class ElasticsearchNodeExtension implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {
    private final ElasticsearchNode.Options options;
    private ElasticsearchNode node;

    public ElasticsearchNodeExtension(ElasticsearchNode.Options options) {
        this.options = options;
    }

    public ElasticsearchNode node() {
        if (node == null) {
            throw new IllegalStateException("the node is not started (register the extension as a static field)");
        }
        return node;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        node = ElasticsearchNode.start(options);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (node != null) {
            node.close();
            node = null;
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (node != null) {
            System.err.println("=== " + context.getDisplayName() + " failed; last lines of the node's log:\n" + node.logTail(60));
        }
        throw failure;
    }
}
