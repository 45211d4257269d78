package dev.sky.provision.storage;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.ObjectStoreFactory;
import dev.sky.provision.storage.spi.StoreSettings;
import dev.sky.provision.storage.spi.StoreUri;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The object store types on the classpath, found by ServiceLoader on first use. */
public final class ObjectStores {
    private static volatile Map<String, ObjectStoreFactory> factories;

    private ObjectStores() {}

    /** Opens a client of {@code storeType}; contacts nothing yet. */
    public static ObjectStore open(String storeType, StoreSettings settings) {
        ObjectStoreFactory f = all().get(storeType);
        if (f == null) {
            throw new SkyException(ExitCode.INVALID_INPUT, "Store '" + storeType + "' is not available in this"
                    + " build (available: " + String.join(", ", all().keySet()) + ").");
        }
        return f.open(settings);
    }

    /** The store's own config checks (a store not in this build is refused when opened, not here). */
    public static void checkSettings(String storeType, StoreSettings settings) {
        ObjectStoreFactory f = all().get(storeType);
        if (f != null) {
            f.checkSettings(settings);
        }
    }

    /**
     * Parses a bucket URI: the stores' own forms ({@link StoreUri#parse}), else an {@code http(s)://} URL under an
     * endpoint configured for one store (asked through {@link ObjectStoreFactory#parseUri}). Throws
     * IllegalArgumentException with a one-line reason.
     */
    public static StoreUri parseUri(String uri, StoreSettings settings) {
        if (uri != null && !StoreUri.isBucketUri(uri) && (uri.startsWith("http://") || uri.startsWith("https://"))) {
            for (ObjectStoreFactory f : all().values()) {
                Optional<StoreUri> u = f.parseUri(uri, settings);
                if (u.isPresent()) {
                    return u.get();
                }
            }
            throw new IllegalArgumentException(uri + " matches no configured store (a URL must be"
                    + " https://<account>.blob.core.windows.net/<container>/... or under azure.storage.endpoint in"
                    + " config.yaml)");
        }
        return StoreUri.parse(uri);
    }

    public static boolean available(String storeType) {
        return all().containsKey(storeType);
    }

    private static Map<String, ObjectStoreFactory> all() {
        Map<String, ObjectStoreFactory> m = factories;
        if (m == null) {
            m = new TreeMap<>();
            for (ObjectStoreFactory f : ServiceLoader.load(ObjectStoreFactory.class, ObjectStores.class.getClassLoader())) {
                m.putIfAbsent(f.storeType(), f);
            }
            factories = m;
        }
        return m;
    }
}
