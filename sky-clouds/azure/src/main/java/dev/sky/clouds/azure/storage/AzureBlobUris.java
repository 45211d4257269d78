package dev.sky.clouds.azure.storage;

import dev.sky.provision.storage.spi.StoreUri;

/**
 * Azure blob URIs: the cloud's {@code https://<account>.blob.core.windows.net/<container>/<path>}, and, when
 * {@code azure.storage.endpoint} names one (Azurite, a private endpoint), URIs under that endpoint, such as
 * {@code http://127.0.0.1:10000/devstoreaccount1/<container>/<path>}.
 */
public final class AzureBlobUris {
    private AzureBlobUris() {}

    /** Whether {@code uri} is the configured endpoint or under it. */
    public static boolean underEndpoint(String uri, AzureStoreConfig config) {
        String endpoint = config.endpoint();
        return endpoint != null && uri != null && (uri.equals(endpoint) || uri.startsWith(endpoint + "/"));
    }

    /** Parses {@code uri}; throws IllegalArgumentException with a one-line reason. */
    public static StoreUri parse(String uri, AzureStoreConfig config) {
        String endpoint = config.endpoint();
        if (underEndpoint(uri, config)) {
            if (uri.equals(endpoint)) {
                throw new IllegalArgumentException("Azure blob URI has no container: " + uri);
            }
            String rest = trim(uri.substring(endpoint.length() + 1));
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("Azure blob URI has no container: " + uri);
            }
            int slash = rest.indexOf('/');
            String container = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : trim(rest.substring(slash + 1));
            String account = config.account() != null ? config.account()
                    : endpoint.substring(endpoint.lastIndexOf('/') + 1);
            return new StoreUri("azure", container, prefix, account);
        }
        StoreUri parsed = StoreUri.parse(uri);
        if (!parsed.storeType().equals("azure")) {
            throw new IllegalArgumentException("not an Azure blob URI: " + uri);
        }
        return parsed;
    }

    /** The URL of a container (and a path in it) on the configured endpoint. */
    public static String url(AzureStoreConfig config, String container, String path) {
        return config.endpoint() + "/" + container + (path == null || path.isEmpty() ? "" : "/" + path);
    }

    private static String trim(String s) {
        return s.replaceAll("^/+", "").replaceAll("/+$", "");
    }
}
