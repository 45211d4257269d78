package dev.sky.provision.storage.spi;

/** One object store type, found by ServiceLoader (META-INF/services/dev.sky.provision.storage.spi.ObjectStoreFactory). */
public interface ObjectStoreFactory {
    /** SkyPilot's {@code store:} name: "s3", "gcs", "azure", "r2" (r2 and other S3-compatible endpoints are served by the S3 module). */
    String storeType();

    /** Opens a client; nothing is contacted until a method is called. */
    ObjectStore open(StoreSettings settings);

    /** Refuses this store's bad config.yaml keys in one line, before anything is created; contacts nothing. */
    default void checkSettings(StoreSettings settings) {}
}
