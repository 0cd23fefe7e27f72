package io.github.netblock.loader.resolve;

import java.io.IOException;

/**
 * Nothing was sent: the server is dead for the rest of the run, or the run's deadline came first. Not a
 * failure of the question: it is not stored, and is left for the next run.
 */
final class NotAskedException extends IOException {
    private final String deferredBy;

    /**
     * @param deferredBy the cause for the summary: {@code deadline}, or {@code whois 127.0.0.1:43 DEAD}
     * @param message    the whole story, for messages
     */
    NotAskedException(String deferredBy, String message) {
        super(message);
        this.deferredBy = deferredBy;
    }

    String deferredBy() {
        return deferredBy;
    }
}
