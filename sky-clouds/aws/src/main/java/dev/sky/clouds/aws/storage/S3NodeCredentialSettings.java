package dev.sky.clouds.aws.storage;

import dev.sky.core.SkyException;
import dev.sky.core.config.SkyConfig;
import dev.sky.core.config.SkyConfigLoader;
import dev.sky.provision.storage.spi.StoreSettings;

/**
 * What the node's rclone remote may hold for an S3-API store, from {@code config.yaml}:
 * <pre>
 * aws:
 *   s3:                                  # (or r2:)
 *     node_credentials: scoped           # scoped (default) | profile
 *     node_credentials_hours: 36         # 1..36: how long scoped keys live (GetFederationToken's range)
 *     sts_endpoint: http://minio:9000    # STS for a custom endpoint; AWS itself needs none
 * </pre>
 *
 * @param scoped mint bucket-scoped temporary keys (false: the profile's own key, today's SkyPilot behaviour)
 * @param hours the lifetime of scoped keys
 * @param stsEndpoint where to call STS, or null for AWS's regional endpoint (or AWS_ENDPOINT_URL_STS)
 */
public record S3NodeCredentialSettings(boolean scoped, int hours, String stsEndpoint) {
    /** GetFederationToken's longest session for an IAM user: 129,600 s. */
    static final int MAX_HOURS = 36;

    /** Refuses bad keys before a launch creates anything (the rest of the store's config is read when used). */
    static void check(String storeType, StoreSettings settings) {
        from(SkyConfigLoader.load(settings.paths()), storeType);
    }

    static S3NodeCredentialSettings from(SkyConfig config, String storeType) {
        String base = "aws." + storeType + ".";
        String mode = config.get(base + "node_credentials").map(String::valueOf).map(String::strip).orElse("scoped");
        if (!mode.equals("scoped") && !mode.equals("profile")) {
            throw SkyException.invalidInput(config.where(base + "node_credentials") + ": " + base
                    + "node_credentials must be scoped or profile, not '" + mode + "'");
        }
        int hours = config.get(base + "node_credentials_hours").map(v -> hours(config, base, v)).orElse(MAX_HOURS);
        String sts = config.get(base + "sts_endpoint").map(String::valueOf).map(String::strip)
                .filter(v -> !v.isEmpty()).orElse(null);
        if (sts != null && !sts.startsWith("http://") && !sts.startsWith("https://")) {
            throw SkyException.invalidInput(config.where(base + "sts_endpoint") + ": " + base
                    + "sts_endpoint must be an http:// or https:// URL");
        }
        return new S3NodeCredentialSettings(mode.equals("scoped"), hours, sts);
    }

    private static int hours(SkyConfig config, String base, Object v) {
        String s = String.valueOf(v).strip();
        int h;
        try {
            h = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            h = -1;
        }
        if (h < 1 || h > MAX_HOURS) {
            throw SkyException.invalidInput(config.where(base + "node_credentials_hours") + ": " + base
                    + "node_credentials_hours must be a whole number of hours from 1 to " + MAX_HOURS + ", not '"
                    + s + "'");
        }
        return h;
    }
}
