package dev.sky.clouds.aws.storage;

/**
 * The inline session policy of a node's temporary S3 key: the effective permissions are the intersection of this
 * and the caller's own, so the key reaches one bucket's objects and nothing else (no other bucket, no bucket
 * creation or deletion, no bucket policy or ACL changes, no IAM).
 */
final class BucketSessionPolicy {
    /** On the bucket itself: what listing a mount and finding its region need. */
    static final String[] BUCKET_ACTIONS = {"s3:ListBucket", "s3:GetBucketLocation"};
    /** On its objects: read, write, delete, and the multipart calls beyond PutObject (abort, list parts). */
    static final String[] OBJECT_ACTIONS = {"s3:GetObject", "s3:PutObject", "s3:DeleteObject",
            "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"};

    private BucketSessionPolicy() {}

    /** The policy JSON (compact: STS counts the packed size) for {@code bucket} in {@code region}'s partition. */
    static String json(String bucket, String region) {
        String arn = "arn:" + partition(region) + ":s3:::" + bucket;
        return "{\"Version\":\"2012-10-17\",\"Statement\":["
                + statement("SkyMountBucket", BUCKET_ACTIONS, arn) + ","
                + statement("SkyMountObjects", OBJECT_ACTIONS, arn + "/*") + "]}";
    }

    /** AWS's partition from the region: China and GovCloud have their own ARNs. */
    static String partition(String region) {
        if (region != null && region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region != null && region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    private static String statement(String sid, String[] actions, String resource) {
        StringBuilder a = new StringBuilder();
        for (String action : actions) {
            a.append(a.length() == 0 ? "" : ",").append('"').append(action).append('"');
        }
        return "{\"Sid\":\"" + sid + "\",\"Effect\":\"Allow\",\"Action\":[" + a + "],\"Resource\":\"" + resource
                + "\"}";
    }
}
