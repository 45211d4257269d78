package dev.sky.provision.storage.spi;

/** One object store type, found by ServiceLoader (META-INF/services/dev.sky.provision.storage.spi.ObjectStoreFactory). */
public interface ObjectStoreFactory {
    /** SkyPilot's {@code store:} name: "s3", "gcs", "azure", "r2" (r2 and other S3-compatible endpoints are served by the S3 module). */
    String storeType();

    /** Opens a client; nothing is contacted until a method is called. */
    ObjectStore open(StoreSettings settings);

    /** Refuses this store's bad config.yaml keys in one line, before anything is created; contacts nothing. */
    default void checkSettings(StoreSettings settings) {}

    /**
     * A bucket URI of this store that only its configuration makes one: an {@code http(s)://} URL under an endpoint
     * configured for it (e.g. Azurite's {@code http://127.0.0.1:10000/<account>/<container>/<path>}). Empty when
     * {@code uri} is not under such an endpoint; reads configuration only, contacts nothing. Throws
     * IllegalArgumentException with a one-line reason when it is, but is malformed.
     */
    default java.util.Optional<StoreUri> parseUri(String uri, StoreSettings settings) {
        return java.util.Optional.empty();
    }
}
