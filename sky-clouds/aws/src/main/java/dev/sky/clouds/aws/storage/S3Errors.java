package dev.sky.clouds.aws.storage;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The one place S3 SDK errors become one-line {@link SkyException}s (no request ids, never a key). */
final class S3Errors {
    private S3Errors() {}

    static SkyException translate(String storeName, String what, SdkException e) {
        String prefix = storeName + ": " + what + ": ";
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? "" : nullToEmpty(s3.awsErrorDetails().errorCode());
            int status = s3.statusCode();
            switch (code) {
                case "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken" -> {
                    return new SkyException(ExitCode.GENERIC, prefix + "the credentials were refused (" + code
                            + "); check your keys for this store.");
                }
                case "AccessDenied", "AllAccessDisabled" -> {
                    return new SkyException(ExitCode.GENERIC, prefix + "access denied; the bucket may belong to"
                            + " another account, or your credentials lack the permission.");
                }
                case "NoSuchBucket" -> {
                    return new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, prefix + "no such bucket.");
                }
                case "NoSuchKey" -> {
                    return new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, prefix + "no such object.");
                }
                case "BucketAlreadyExists" -> {
                    return new SkyException(ExitCode.INVALID_INPUT, prefix + "the bucket name is taken by another"
                            + " account; choose another name.");
                }
                case "InvalidBucketName" -> {
                    return new SkyException(ExitCode.INVALID_INPUT, prefix + "invalid bucket name.");
                }
                default -> {
                    if (status == 403) {
                        return new SkyException(ExitCode.GENERIC, prefix + "access denied (HTTP 403).");
                    }
                    if (status == 404) {
                        return new SkyException(ExitCode.NOT_FOUND_OR_WRONG_STATE, prefix + "not found (HTTP 404).");
                    }
                    return new SkyException(ExitCode.GENERIC, prefix + "failed (HTTP " + status
                            + (code.isEmpty() ? "" : ", " + code) + ").");
                }
            }
        }
        if (e instanceof SdkClientException) {
            return new SkyException(ExitCode.GENERIC, prefix + "cannot reach the store: " + firstLine(e.getMessage()));
        }
        return new SkyException(ExitCode.GENERIC, prefix + firstLine(e.getMessage()));
    }

    /** An STS error while minting the node's scoped key: what failed and what to do, never the server's text. */
    static SkyException translateSts(String storeName, String storeType, SdkException e) {
        String prefix = storeName + ": minting the node's bucket-scoped key (STS GetFederationToken): ";
        if (e instanceof AwsServiceException a) {
            String code = a.awsErrorDetails() == null ? "" : nullToEmpty(a.awsErrorDetails().errorCode());
            String optOut = " (or set aws." + storeType + ".node_credentials: profile to give the node the profile's"
                    + " own key).";
            return switch (code) {
                case "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidAccessKeyId" ->
                        new SkyException(ExitCode.GENERIC, prefix + "the credentials were refused (" + code
                                + "); check your keys for this store.");
                case "AccessDenied" -> new SkyException(ExitCode.GENERIC, prefix + "access denied; allow"
                        + " sts:GetFederationToken to this IAM user" + optOut);
                case "MalformedPolicyDocument", "PackedPolicyTooLarge", "ValidationError" ->
                        new SkyException(ExitCode.GENERIC, prefix + "STS refused the request (" + code + ")" + optOut);
                default -> new SkyException(ExitCode.GENERIC, prefix + "failed (HTTP " + a.statusCode()
                        + (code.isEmpty() ? "" : ", " + code) + ")" + optOut);
            };
        }
        if (e instanceof SdkClientException) {
            return new SkyException(ExitCode.GENERIC, prefix + "cannot reach STS: " + firstLine(e.getMessage()));
        }
        return new SkyException(ExitCode.GENERIC, prefix + firstLine(e.getMessage()));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
