package dev.sky.provision.storage.spi;

import java.nio.file.Path;
import java.util.Map;

/**
 * A client of one object store. Every failure is a {@link dev.sky.core.SkyException} with a one-line message
 * (each store maps its SDK's errors in one translator class).
 */
public interface ObjectStore extends AutoCloseable {
    boolean bucketExists(String bucket);

    /** Creates the bucket; an existing bucket owned by us is success. */
    void createBucket(String bucket, String region);

    /** Empties the bucket, then deletes it; a missing bucket is success. */
    void deleteBucket(String bucket);

    /** Every object under {@code prefix} ("" = all), by key. */
    Map<String, RemoteObject> list(String bucket, String prefix);

    void upload(String bucket, String key, Path file);

    void download(String bucket, String key, Path target);

    void deleteObject(String bucket, String key);

    /**
     * The URL this client sends requests to, or null for the cloud's own; it keys local records (never secret). A
     * store whose endpoint is not configurable keeps the default.
     */
    default String endpoint() {
        return null;
    }

    /** rclone settings for this one bucket. */
    RcloneRemote rcloneRemote(String bucket);

    @Override
    void close();
}
