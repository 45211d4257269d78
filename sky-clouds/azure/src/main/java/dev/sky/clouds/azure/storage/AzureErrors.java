package dev.sky.clouds.azure.storage;

import com.azure.core.exception.HttpResponseException;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;

/**
 * The one place Azure SDK errors become one-line {@link SkyException}s. The service's message (request ids, and for
 * signature failures the string that was signed) is left out; the error code is kept, never a key or a SAS.
 */
final class AzureErrors {
    private AzureErrors() {}

    static SkyException translate(String containerUri, String what, RuntimeException e) {
        String prefix = containerUri + ": " + what + ": ";
        if (e instanceof BlobStorageException b) {
            BlobErrorCode code = b.getErrorCode();
            String c = code == null ? "" : code.toString();
            switch (c) {
                case "AuthenticationFailed", "InvalidAuthenticationInfo", "NoAuthenticationInformation" -> {
                    return new SkyException(ExitCode.GENERIC, prefix + "the credentials were refused (" + c
                            + "); check the account name and key (AZURE_STORAGE_KEY or the connection string).");
                }
                case "AuthorizationFailure" -> {
                    // Azure says this for network rules and disabled keys; Azurite also for a bad signature.
                    return new SkyException(ExitCode.GENERIC, prefix + "the credentials were refused or are not"
                            + " allowed here (AuthorizationFailure); check the account key and the account's network"
                            + " rules.");
                }
                case "AuthorizationPermissionMismatch", "AuthorizationResourceTypeMismatch",
                     "InsufficientAccountPermissions", "AccountIsDisabled" -> {
                    return new SkyException(ExitCode.GENERIC, prefix + "access denied (" + c + "); the credential"
                            + " does not allow this on the container.");
                }
                case "ContainerNotFound" -> {
                    return new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, prefix + "no such container.");
                }
                case "BlobNotFound" -> {
                    return new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, prefix + "no such object.");
                }
                case "ContainerBeingDeleted" -> {
                    return new SkyException(ExitCode.GENERIC, prefix + "a container of that name is being deleted;"
                            + " retry in a minute or choose another name.");
                }
                case "InvalidResourceName" -> {
                    return new SkyException(ExitCode.INVALID_INPUT, prefix + "invalid container or object name.");
                }
                default -> {
                    return byStatus(prefix, b.getStatusCode(), c);
                }
            }
        }
        if (e instanceof HttpResponseException h && h.getResponse() != null) {
            return byStatus(prefix, h.getResponse().getStatusCode(), "");
        }
        return new SkyException(ExitCode.GENERIC, prefix + "cannot reach the store: " + rootMessage(e));
    }

    private static SkyException byStatus(String prefix, int status, String code) {
        if (status == 403) {
            return new SkyException(ExitCode.GENERIC, prefix + "access denied (HTTP 403).");
        }
        if (status == 404) {
            return new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, prefix + "not found (HTTP 404).");
        }
        return new SkyException(ExitCode.GENERIC, prefix + "failed (HTTP " + status
                + (code.isEmpty() ? "" : ", " + code) + ").");
    }

    static SkyException noCredentials(String what) {
        return new SkyException(ExitCode.GENERIC, "azure: " + what + "; set AZURE_STORAGE_CONNECTION_STRING, or"
                + " AZURE_STORAGE_ACCOUNT with AZURE_STORAGE_KEY (az storage account keys list -n ACCOUNT).");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
