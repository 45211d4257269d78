package dev.sky.provision.storage.spi;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A bucket URI: {@code s3://b/p}, {@code gs://b/p}, {@code r2://b/p},
 * {@code https://<account>.blob.core.windows.net/<container>/p}.
 *
 * @param storeType "s3", "gcs", "r2" or "azure"
 * @param bucket the bucket (for Azure: the container)
 * @param prefix the key prefix inside the bucket, without leading or trailing '/'; "" = the whole bucket
 * @param account the Azure storage account; null for the other stores
 */
public record StoreUri(String storeType, String bucket, String prefix, String account) {

    private static final String AZURE_HOST_SUFFIX = ".blob.core.windows.net";

    /** True when {@code source} looks like a bucket URI rather than a local path. */
    public static boolean isBucketUri(String source) {
        return source != null && (source.startsWith("s3://") || source.startsWith("gs://")
                || source.startsWith("r2://") || (source.startsWith("https://") && source.contains(AZURE_HOST_SUFFIX)));
    }

    /** Parses a bucket URI; throws IllegalArgumentException with a one-line reason. */
    public static StoreUri parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("empty bucket URI");
        }
        int sep = uri.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("not a bucket URI (expected s3://, gs://, r2:// or https://<account>"
                    + AZURE_HOST_SUFFIX + "/...): " + uri);
        }
        String scheme = uri.substring(0, sep);
        String rest = uri.substring(sep + 3);
        switch (scheme) {
            case "s3": return simple("s3", rest, uri);
            case "gs": return simple("gcs", rest, uri);
            case "r2": return simple("r2", rest, uri);
            case "https": return azure(uri);
            default:
                throw new IllegalArgumentException("unsupported bucket URI scheme '" + scheme
                        + "://' (supported: s3://, gs://, r2://, https://<account>" + AZURE_HOST_SUFFIX + "/): " + uri);
        }
    }

    /** The URI in its canonical form. */
    public String toUri() {
        String tail = prefix.isEmpty() ? "" : "/" + prefix;
        return switch (storeType) {
            case "s3" -> "s3://" + bucket + tail;
            case "gcs" -> "gs://" + bucket + tail;
            case "r2" -> "r2://" + bucket + tail;
            case "azure" -> "https://" + account + AZURE_HOST_SUFFIX + "/" + bucket + tail;
            default -> storeType + "://" + bucket + tail;
        };
    }

    private static StoreUri simple(String type, String rest, String uri) {
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("bucket URI has no bucket name: " + uri);
        }
        return new StoreUri(type, bucket, prefix, null);
    }

    private static StoreUri azure(String uri) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed Azure blob URI: " + uri);
        }
        String host = parsed.getHost();
        if (host == null || !host.endsWith(AZURE_HOST_SUFFIX) || host.length() == AZURE_HOST_SUFFIX.length()) {
            throw new IllegalArgumentException("an https:// bucket URI must be https://<account>" + AZURE_HOST_SUFFIX
                    + "/<container>[/path]: " + uri);
        }
        String account = host.substring(0, host.length() - AZURE_HOST_SUFFIX.length());
        String path = trimSlashes(parsed.getPath() == null ? "" : parsed.getPath());
        if (path.isEmpty()) {
            throw new IllegalArgumentException("Azure blob URI has no container: " + uri);
        }
        int slash = path.indexOf('/');
        String container = slash < 0 ? path : path.substring(0, slash);
        String prefix = slash < 0 ? "" : trimSlashes(path.substring(slash + 1));
        return new StoreUri("azure", container, prefix, account);
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') start++;
        while (end > start && s.charAt(end - 1) == '/') end--;
        return s.substring(start, end);
    }
}
