package dev.sky.provision.ssh;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;

/**
 * Sorts connection failures into "try again" (the node is booting, the network blipped) and "stop" (wrong key, wrong
 * host key, no such host), and words them for the user.
 */
final class ConnectFailures {
    private ConnectFailures() {}

    /** A failure to connect, sorted. */
    record Failure(boolean retryable, String reason) {}

    static Failure classify(IOException e, PinnedHostKeyVerifier verifier, SshTarget target) {
        if (verifier.rejected()) {
            return new Failure(false, "the node's identity could not be verified: " + verifier.rejectionReason()
                    + ". If the node was recreated, refresh the cluster's record; otherwise someone may be intercepting the connection");
        }
        if (e instanceof UserAuthException) {
            return new Failure(false, "the node refused the key " + target.privateKey() + " for user " + target.user());
        }
        if (e instanceof UnknownHostException) {
            return new Failure(false, "unknown host " + target.host());
        }
        if (e instanceof ConnectException) {
            return new Failure(true, "connection refused");
        }
        if (e instanceof SocketTimeoutException) {
            return new Failure(true, "timed out");
        }
        if (e instanceof NoRouteToHostException) {
            return new Failure(true, "no route to host");
        }
        if (mentions(e, "Unable to reach a settlement")) {
            return new Failure(false, "the node offers no algorithm sky accepts (sky refuses CBC, RC4, 3DES, MD5, "
                    + "SHA-1 MACs and small Diffie-Hellman groups): " + message(e));
        }
        if (e instanceof TransportException t) {
            DisconnectReason why = t.getDisconnectReason();
            if (why == DisconnectReason.HOST_KEY_NOT_VERIFIABLE || why == DisconnectReason.KEY_EXCHANGE_FAILED
                    || why == DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE || why == DisconnectReason.ILLEGAL_USER_NAME) {
                return new Failure(false, "SSH negotiation failed: " + message(e));
            }
            return new Failure(true, "SSH transport error: " + message(e));
        }
        if (e instanceof SocketException) {
            return new Failure(true, message(e));
        }
        return new Failure(false, message(e));
    }

    private static boolean mentions(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
