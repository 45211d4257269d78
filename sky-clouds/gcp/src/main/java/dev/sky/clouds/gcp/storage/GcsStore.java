package dev.sky.clouds.gcp.storage;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.json.Json;
import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.RcloneRemote;
import dev.sky.provision.storage.spi.RemoteObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Google Cloud Storage through its SDK's JSON API transport. The client is built on first use, so opening a store
 * contacts nothing. Small files go up in one multipart request, larger ones through a resumable session; both send
 * the file's MD5, which the server checks before it keeps the object.
 */
final class GcsStore implements ObjectStore {
    /** Above this size an upload is resumable (a lost connection resends one chunk, not the file). */
    static final long RESUMABLE_THRESHOLD = 8L * 1024 * 1024;
    private static final String NO_PROJECT = "sky-no-project-set";

    private final GcsStoreConfig config;
    private GoogleCredentials credentials;
    private Storage storage;

    GcsStore(GcsStoreConfig config) {
        this.config = config;
    }

    private synchronized Storage gcs() {
        if (storage == null) {
            credentials = GcsCredentials.load(config);
            // A project id is always set, so the SDK never goes looking for one (metadata server included).
            StorageOptions.Builder b = StorageOptions.http()
                    .setProjectId(config.project() == null ? NO_PROJECT : config.project())
                    .setCredentials(credentials);
            if (config.endpoint() != null) {
                b.setHost(config.endpoint());
            }
            storage = b.build().getService();
        }
        return storage;
    }

    @Override
    public boolean bucketExists(String bucket) {
        GcsBucketNames.check(bucket);
        return call(bucket, "checking the bucket", () -> gcs().get(bucket) != null);
    }

    @Override
    public void createBucket(String bucket, String region) {
        GcsBucketNames.check(bucket);
        if (config.project() == null) {
            throw SkyException.invalidInput("gs://" + bucket + ": creating the bucket needs a GCP project: set"
                    + " gcp.storage.project in config.yaml, GOOGLE_CLOUD_PROJECT, or 'gcloud config set project'.");
        }
        try {
            BucketInfo.Builder info = BucketInfo.newBuilder(bucket);
            if (region != null) {
                info.setLocation(region);
            }
            gcs().create(info.build());
        } catch (StorageException e) {
            if (e.getCode() != 409) {
                throw GcsErrors.translate(uri(bucket), "creating the bucket", e);
            }
            // 409 both when we already own it and when someone else does: only our own bucket is readable.
            if (!ownedByUs(bucket)) {
                throw GcsErrors.nameTaken(uri(bucket));
            }
        }
    }

    private boolean ownedByUs(String bucket) {
        try {
            return gcs().get(bucket) != null;
        } catch (StorageException e) {
            if (e.getCode() == 403) {
                return false;
            }
            throw GcsErrors.translate(uri(bucket), "creating the bucket", e);
        }
    }

    @Override
    public void deleteBucket(String bucket) {
        call(bucket, "deleting the bucket", () -> {
            try {
                for (Blob b : gcs().list(bucket, Storage.BlobListOption.pageSize(1000)).iterateAll()) {
                    gcs().delete(b.getBlobId());
                }
                gcs().delete(bucket);
            } catch (StorageException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
            return null;
        });
    }

    @Override
    public Map<String, RemoteObject> list(String bucket, String prefix) {
        return call(bucket, "listing objects", () -> {
            Map<String, RemoteObject> out = new LinkedHashMap<>();
            String p = prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
            for (Blob b : gcs().list(bucket, Storage.BlobListOption.prefix(p), Storage.BlobListOption.pageSize(1000))
                    .iterateAll()) {
                out.put(b.getName(), new RemoteObject(b.getName(), b.getSize() == null ? 0 : b.getSize(),
                        md5Hex(b.getMd5())));
            }
            return out;
        });
    }

    @Override
    public void upload(String bucket, String key, Path file) {
        call(bucket, "uploading " + key, () -> {
            try {
                BlobInfo info = BlobInfo.newBuilder(BlobId.of(bucket, key))
                        .setMd5(Base64.getEncoder().encodeToString(md5(file))).build();
                if (Files.size(file) <= RESUMABLE_THRESHOLD) {
                    gcs().create(info, Files.readAllBytes(file));
                } else {
                    gcs().createFrom(info, file, Storage.BlobWriteOption.md5Match());
                }
                return null;
            } catch (IOException e) {
                throw new SkyException(ExitCode.GENERIC, uri(bucket) + ": uploading " + key + ": " + e.getMessage());
            }
        });
    }

    @Override
    public void download(String bucket, String key, Path target) {
        call(bucket, "downloading " + key, () -> {
            try {
                Files.createDirectories(target.toAbsolutePath().getParent());
                Path tmp = target.resolveSibling(target.getFileName() + ".sky-part");
                gcs().downloadTo(BlobId.of(bucket, key), tmp);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return null;
            } catch (IOException e) {
                throw new SkyException(ExitCode.GENERIC, uri(bucket) + ": downloading " + key + ": " + e.getMessage());
            }
        });
    }

    @Override
    public void deleteObject(String bucket, String key) {
        call(bucket, "deleting " + key, () -> gcs().delete(BlobId.of(bucket, key)));
    }

    @Override
    public String endpoint() {
        return config.endpoint();
    }

    /**
     * rclone settings holding a token for this bucket's objects only (see {@link GcsCredentials#scopedTo}); it
     * cannot be refreshed on the node, so it lasts as long as Google's token does (an hour at most).
     */
    @Override
    public RcloneRemote rcloneRemote(String bucket) {
        AccessToken token = call(bucket, "minting a bucket-scoped token", () -> {
            gcs();
            try {
                return GcsCredentials.scopedTo(credentials, bucket, config.stsEndpoint());
            } catch (IOException e) {
                throw new SkyException(ExitCode.GENERIC, uri(bucket) + ": minting a bucket-scoped token: STS refused"
                        + " the exchange (" + e.getClass().getSimpleName() + ").");
            }
        });
        Map<String, Object> tokenJson = new LinkedHashMap<>();
        tokenJson.put("access_token", token.getTokenValue());
        tokenJson.put("token_type", "Bearer");
        if (token.getExpirationTime() != null) {
            tokenJson.put("expiry", token.getExpirationTime().toInstant().toString());
        }
        Map<String, String> o = new LinkedHashMap<>();
        o.put("token", Json.write(tokenJson));
        o.put("bucket_policy_only", "true");
        // The bucket exists (sky made or checked it), and the token may not touch bucket metadata.
        o.put("no_check_bucket", "true");
        if (config.endpoint() != null) {
            o.put("endpoint", config.endpoint() + "/storage/v1/");
        }
        return new RcloneRemote("google cloud storage", o);
    }

    @Override
    public synchronized void close() {
        if (storage != null) {
            try {
                storage.close();
            } catch (Exception e) {
                // Nothing left to release that matters to the caller.
            }
            storage = null;
        }
    }

    private <T> T call(String bucket, String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (StorageException e) {
            throw GcsErrors.translate(uri(bucket), what, e);
        }
    }

    private static String uri(String bucket) {
        return "gs://" + bucket;
    }

    static String md5Hex(String base64) {
        return base64 == null ? null : HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
    }

    private static byte[] md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
