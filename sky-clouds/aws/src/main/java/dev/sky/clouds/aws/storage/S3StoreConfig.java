package dev.sky.clouds.aws.storage;

import dev.sky.core.SkyException;
import dev.sky.core.config.SkyConfig;
import dev.sky.core.config.SkyConfigLoader;
import dev.sky.provision.storage.spi.StoreSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where an S3-API store is and whose credentials it takes, read from {@code config.yaml} (docs/storage.md):
 * <pre>
 * aws:
 *   s3:                 # s3:// buckets
 *     endpoint: http://minio.lan:9000   # an S3-compatible server (MinIO, Ceph, s3proxy); default: AWS
 *     region: us-east-1                 # where new buckets go; default us-east-1
 *     profile: minio                    # profile in ~/.aws/credentials; default AWS_PROFILE, then "default"
 *   r2:                 # r2:// buckets (Cloudflare R2)
 *     endpoint: https://ACCOUNT.r2.cloudflarestorage.com   # default: from ~/.cloudflare/accountid
 *     profile: r2                       # profile in ~/.cloudflare/r2.credentials; default "r2"
 * </pre>
 * and, under either, the node credential keys of {@link S3NodeCredentialSettings}.
 *
 * @param storeType "s3" or "r2"
 * @param endpoint the server's URL, or null for AWS itself
 * @param region the signing region and the region for new buckets
 * @param credentialsFile the credentials file to read a profile from
 * @param profile the profile in that file
 * @param useEnvKeys whether AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY win over the file (S3 only, as in the AWS CLI)
 * @param node what the node's rclone remote holds: scoped temporary keys or the profile's own
 */
public record S3StoreConfig(String storeType, String endpoint, String region, Path credentialsFile, String profile,
                            boolean useEnvKeys, S3NodeCredentialSettings node) {

    static final String DEFAULT_REGION = "us-east-1";

    /** The settings for {@code storeType}; explicit {@link StoreSettings} values win over config.yaml. */
    public static S3StoreConfig resolve(String storeType, StoreSettings s) {
        SkyConfig config = SkyConfigLoader.load(s.paths());
        String base = "aws." + storeType + ".";
        String endpoint = first(s.endpoint(), string(config, base + "endpoint"));
        String region = first(s.region(), string(config, base + "region"));
        Map<String, String> env = s.env();
        Path home = s.paths().userHome();
        S3NodeCredentialSettings node = S3NodeCredentialSettings.from(config, storeType);
        if (storeType.equals("r2")) {
            if (endpoint == null) {
                endpoint = "https://" + r2AccountId(home) + ".r2.cloudflarestorage.com";
            }
            return new S3StoreConfig("r2", endpoint, region == null ? "auto" : region,
                    home.resolve(".cloudflare/r2.credentials"), first(string(config, base + "profile"), "r2"), false,
                    node);
        }
        String file = env.get("AWS_SHARED_CREDENTIALS_FILE");
        Path credentials = file == null || file.isBlank() ? home.resolve(".aws/credentials") : Path.of(file);
        String profile = first(string(config, base + "profile"), env.get("AWS_PROFILE"), "default");
        return new S3StoreConfig("s3", endpoint, first(region, env.get("AWS_REGION"), DEFAULT_REGION), credentials,
                profile, true, node);
    }

    /** Path-style addressing for anything but AWS itself: S3-compatible servers rarely resolve bucket subdomains. */
    public boolean pathStyle() {
        return endpoint != null;
    }

    private static String r2AccountId(Path home) {
        Path f = home.resolve(".cloudflare/accountid");
        try {
            String id = Files.readString(f, StandardCharsets.UTF_8).strip();
            if (!id.isEmpty()) {
                return id;
            }
        } catch (IOException missing) {
            // Reported below in one line.
        }
        throw SkyException.invalidInput("R2 needs your Cloudflare account id in " + f
                + " (or aws.r2.endpoint in config.yaml).");
    }

    private static String string(SkyConfig config, String path) {
        return config.get(path).map(v -> {
            if (!(v instanceof String || v instanceof Number)) {
                throw SkyException.invalidInput(config.where(path) + ": " + path + ": expected a string");
            }
            return String.valueOf(v).strip();
        }).filter(v -> !v.isEmpty()).orElse(null);
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
