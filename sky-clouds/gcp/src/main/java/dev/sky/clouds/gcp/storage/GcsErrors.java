package dev.sky.clouds.gcp.storage;

import com.google.api.client.http.HttpResponseException;
import com.google.cloud.storage.StorageException;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;

/**
 * The one place GCS SDK errors become one-line {@link SkyException}s. The server's own message is left out (it can
 * name principals and request details); the reason code is kept, and never a token.
 */
final class GcsErrors {
    private GcsErrors() {}

    static SkyException translate(String bucketUri, String what, StorageException e) {
        String prefix = bucketUri + ": " + what + ": ";
        String reason = e.getReason() == null ? "" : e.getReason();
        int code = e.getCode() == 0 && tokenRefused(e) ? 401 : e.getCode();
        return switch (code) {
            case 401 -> new SkyException(ExitCode.GENERIC, prefix + "the credentials were refused; run"
                    + " 'gcloud auth application-default login' or check GOOGLE_APPLICATION_CREDENTIALS.");
            case 403 -> new SkyException(ExitCode.GENERIC, prefix + "access denied; the bucket may belong to another"
                    + " project, or your credentials lack the permission.");
            case 404 -> new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, prefix
                    + (what.startsWith("downloading") ? "no such object." : "no such bucket."));
            case 409 -> new SkyException(ExitCode.INVALID_INPUT, prefix + "the bucket name is taken by another"
                    + " project; choose another name.");
            case 412 -> new SkyException(ExitCode.GENERIC, prefix + "the object changed meanwhile (precondition"
                    + " failed); retry.");
            case 400 -> new SkyException(ExitCode.INVALID_INPUT, prefix + "the request was refused as invalid"
                    + (reason.isEmpty() ? "" : " (" + reason + ")") + ".");
            case 0 -> new SkyException(ExitCode.GENERIC, prefix + "cannot reach the store: " + cause(e));
            default -> new SkyException(ExitCode.GENERIC, prefix + "failed (HTTP " + e.getCode()
                    + (reason.isEmpty() ? "" : ", " + reason) + ").");
        };
    }

    static SkyException nameTaken(String bucketUri) {
        return new SkyException(ExitCode.INVALID_INPUT, bucketUri + ": creating the bucket: the bucket name is taken"
                + " by another project; choose another name.");
    }

    static SkyException credentials(String message) {
        return new SkyException(ExitCode.GENERIC, "gcs: " + message + "; run 'gcloud auth application-default login'"
                + " or set GOOGLE_APPLICATION_CREDENTIALS.");
    }

    /** No HTTP status but an HTTP error below: the token endpoint turned the credentials down. */
    private static boolean tokenRefused(Throwable e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof HttpResponseException h && h.getStatusCode() >= 400 && h.getStatusCode() < 500) {
                return true;
            }
        }
        return false;
    }

    private static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
