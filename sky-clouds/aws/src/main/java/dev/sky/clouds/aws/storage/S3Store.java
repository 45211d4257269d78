package dev.sky.clouds.aws.storage;

import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.RcloneRemote;
import dev.sky.provision.storage.spi.RemoteObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-API store: AWS S3, Cloudflare R2 or any S3-compatible server. The client is built on first use, so opening
 * a store contacts nothing. Uploads carry Content-MD5 (per part for multipart uploads), so the server checks every
 * byte.
 */
final class S3Store implements ObjectStore {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private final S3StoreConfig config;
    private final Map<String, String> env;
    private AwsCredentialsProvider credentials;
    private S3Client client;
    private volatile boolean singleDeletes;
    /** Files above this go as multipart uploads (a single PUT stops at 5 GB); lowered by tests. */
    long multipartThreshold = S3MultipartUpload.DEFAULT_PART_SIZE;
    long partSize = S3MultipartUpload.DEFAULT_PART_SIZE;

    S3Store(S3StoreConfig config, Map<String, String> env) {
        this.config = config;
        this.env = env;
    }

    private synchronized S3Client s3() {
        if (client == null) {
            credentials = S3ClientFactory.credentials(config, env);
            client = S3ClientFactory.client(config, credentials);
        }
        return client;
    }

    @Override
    public boolean bucketExists(String bucket) {
        try {
            s3().headBucket(b -> b.bucket(bucket));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw S3Errors.translate(name(bucket), "checking the bucket", e);
        } catch (SdkException e) {
            throw S3Errors.translate(name(bucket), "checking the bucket", e);
        }
    }

    @Override
    public void createBucket(String bucket, String region) {
        String where = region == null ? config.region() : region;
        call(bucket, "creating the bucket", () -> {
            try {
                s3().createBucket(b -> {
                    b.bucket(bucket);
                    if (config.storeType().equals("s3") && !"us-east-1".equals(where)) {
                        b.createBucketConfiguration(CreateBucketConfiguration.builder()
                                .locationConstraint(BucketLocationConstraint.fromValue(where)).build());
                    }
                });
            } catch (S3Exception e) {
                String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
                if (!"BucketAlreadyOwnedByYou".equals(code)) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public void deleteBucket(String bucket) {
        call(bucket, "deleting the bucket", () -> {
            try {
                List<ObjectIdentifier> batch = new ArrayList<>();
                for (S3Object o : s3().listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
                    batch.add(ObjectIdentifier.builder().key(o.key()).build());
                    if (batch.size() == 1000) {
                        deleteBatch(bucket, batch);
                    }
                }
                deleteBatch(bucket, batch);
                s3().deleteBucket(b -> b.bucket(bucket));
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
            }
            return null;
        });
    }

    private void deleteBatch(String bucket, List<ObjectIdentifier> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (!singleDeletes) {
            try {
                s3().deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(List.copyOf(batch))
                        .quiet(true).build()));
                batch.clear();
                return;
            } catch (S3Exception e) {
                if (e.statusCode() != 501) {
                    throw e;
                }
                // Some S3-compatible servers lack the batch call (or its newer checksum header): one by one.
                singleDeletes = true;
            }
        }
        for (ObjectIdentifier o : batch) {
            s3().deleteObject(b -> b.bucket(bucket).key(o.key()));
        }
        batch.clear();
    }

    @Override
    public Map<String, RemoteObject> list(String bucket, String prefix) {
        return call(bucket, "listing objects", () -> {
            Map<String, RemoteObject> out = new LinkedHashMap<>();
            String p = prefix == null || prefix.isEmpty() ? null : prefix.endsWith("/") ? prefix : prefix + "/";
            for (S3Object o : s3().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(p)).contents()) {
                if (o.key().endsWith("/")) {
                    continue; // a folder marker, not a file
                }
                out.put(o.key(), new RemoteObject(o.key(), o.size(), md5FromEtag(o.eTag())));
            }
            return out;
        });
    }

    @Override
    public void upload(String bucket, String key, Path file) {
        long size = size(file);
        if (size > multipartThreshold) {
            call(bucket, "uploading " + key, () -> {
                S3MultipartUpload.send(s3(), bucket, key, file, size, partSize);
                return null;
            });
            return;
        }
        String md5 = Base64.getEncoder().encodeToString(md5(file));
        call(bucket, "uploading " + key, () -> s3().putObject(b -> b.bucket(bucket).key(key).contentMD5(md5),
                RequestBody.fromFile(file)));
    }

    @Override
    public void download(String bucket, String key, Path target) {
        call(bucket, "downloading " + key, () -> {
            try {
                Files.createDirectories(target.toAbsolutePath().getParent());
                Path tmp = target.resolveSibling(target.getFileName() + ".sky-part");
                try (InputStream in = s3().getObject(b -> b.bucket(bucket).key(key))) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void deleteObject(String bucket, String key) {
        call(bucket, "deleting " + key, () -> s3().deleteObject(b -> b.bucket(bucket).key(key)));
    }

    /**
     * A remote holding a key for this bucket alone: STS-minted, with a session policy (see
     * {@link ScopedS3Credentials}). Where STS cannot be used, the profile's own key, with one warning saying why.
     */
    @Override
    public String endpoint() {
        return config.endpoint();
    }

    @Override
    public RcloneRemote rcloneRemote(String bucket) {
        AwsCredentials own = call(bucket, "reading credentials", () -> {
            s3();
            return credentials.resolveCredentials();
        });
        ScopedS3Credentials.Choice choice = ScopedS3Credentials.choose(config, own, bucket);
        List<String> notices = new ArrayList<>();
        AwsCredentials c = own;
        if (choice.scope()) {
            ScopedS3Credentials.Minted m = ScopedS3Credentials.mint(config, credentials, env, bucket);
            c = m.credentials();
            notices.add("Node credentials for " + name(bucket) + " expire at " + UTC.format(m.expiry())
                    + " (aws." + config.storeType() + ".node_credentials_hours: " + config.node().hours() + ").");
        } else if (choice.warning() != null) {
            notices.add(choice.warning());
        }
        Map<String, String> o = new LinkedHashMap<>();
        o.put("provider", config.storeType().equals("r2") ? "Cloudflare" : config.endpoint() == null ? "AWS" : "Other");
        o.put("env_auth", "false");
        o.put("access_key_id", c.accessKeyId());
        o.put("secret_access_key", c.secretAccessKey());
        if (c instanceof AwsSessionCredentials s) {
            o.put("session_token", s.sessionToken());
        }
        o.put("region", config.region());
        if (config.endpoint() != null) {
            o.put("endpoint", config.endpoint());
            o.put("force_path_style", "true");
        }
        // The bucket exists (sky made or checked it): never let rclone try to create one.
        o.put("no_check_bucket", "true");
        return new RcloneRemote("s3", o, notices);
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private <T> T call(String bucket, String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (SdkException e) {
            throw S3Errors.translate(name(bucket), what, e);
        }
    }

    private String name(String bucket) {
        return config.storeType() + "://" + bucket;
    }

    /** An ETag is the object's MD5 unless it was a multipart upload ("<hex>-<parts>"). */
    static String md5FromEtag(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.replace("\"", "");
        return e.length() == 32 && e.chars().allMatch(ch -> Character.digit(ch, 16) >= 0) ? e.toLowerCase() : null;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] md5(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return d.digest();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
