package dev.sky.provision.ssh;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;

/**
 * A node could not be reached, refused us, or dropped the connection. The message names the node and says whether
 * trying again could help; it never holds a command line (commands may name files whose paths are private).
 */
public final class NodeConnectionException extends SkyException {
    private final boolean retryable;

    public NodeConnectionException(String message, boolean retryable, Throwable cause) {
        super(ExitCode.GENERIC, message, cause);
        this.retryable = retryable;
    }

    /** True for connection and transport errors that a later attempt may not hit. */
    public boolean retryable() {
        return retryable;
    }
}
