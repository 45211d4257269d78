package dev.sky.clouds.gcp.storage;

import dev.sky.core.SkyException;
import dev.sky.core.config.IniFile;
import dev.sky.core.config.JsonFile;
import dev.sky.core.config.SkyConfig;
import dev.sky.core.config.SkyConfigLoader;
import dev.sky.provision.storage.spi.StoreSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where GCS is and whose credentials reach it. Credentials are application default credentials from a file only
 * ({@code GOOGLE_APPLICATION_CREDENTIALS}, else gcloud's {@code application_default_credentials.json}); sky never
 * asks a metadata server. {@code config.yaml} (docs/storage.md):
 * <pre>
 * gcp:
 *   storage:
 *     endpoint: http://127.0.0.1:4443          # a GCS JSON-API server; default Google's
 *     sts_endpoint: http://127.0.0.1:4443/v1/token  # token exchange for bucket-scoped tokens; default Google's
 *     project: my-project                      # project of new buckets; default the gcloud/ADC project
 * </pre>
 *
 * @param endpoint the JSON API host, or null for Google
 * @param stsEndpoint the STS token URL, or null for https://sts.googleapis.com/v1/token
 * @param project the project new buckets go to, or null when none is set (only bucket creation needs one)
 * @param credentialsFile the application default credentials file (it may not exist: checked on first use)
 */
public record GcsStoreConfig(String endpoint, String stsEndpoint, String project, Path credentialsFile) {

    /** The settings for {@code store: gcs}; an explicit {@link StoreSettings#endpoint()} wins over config.yaml. */
    public static GcsStoreConfig resolve(StoreSettings s) {
        SkyConfig config = SkyConfigLoader.load(s.paths());
        Map<String, String> env = s.env();
        String gcloud = env.get("CLOUDSDK_CONFIG");
        Path gcloudDir = blank(gcloud) ? s.paths().userHome().resolve(".config/gcloud") : Path.of(gcloud);
        String adc = env.get("GOOGLE_APPLICATION_CREDENTIALS");
        Path credentials = blank(adc) ? gcloudDir.resolve("application_default_credentials.json") : Path.of(adc);
        String project = first(string(config, "gcp.storage.project"), env.get("GOOGLE_CLOUD_PROJECT"),
                env.get("CLOUDSDK_CORE_PROJECT"), env.get("GCLOUD_PROJECT"), gcloudProject(gcloudDir, env),
                adcProject(credentials));
        return new GcsStoreConfig(trimSlash(first(s.endpoint(), string(config, "gcp.storage.endpoint"))),
                string(config, "gcp.storage.sts_endpoint"), project, credentials);
    }

    private static String gcloudProject(Path gcloudDir, Map<String, String> env) {
        try {
            String name = env.get("CLOUDSDK_ACTIVE_CONFIG_NAME");
            Path active = gcloudDir.resolve("active_config");
            if (blank(name)) {
                name = Files.isRegularFile(active) ? Files.readString(active, StandardCharsets.UTF_8).strip() : "";
            }
            Path file = gcloudDir.resolve("configurations").resolve("config_" + (name.isEmpty() ? "default" : name));
            return Files.isRegularFile(file) ? IniFile.read(file).get("core", "project").orElse(null) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String adcProject(Path credentials) {
        try {
            Map<String, Object> json = JsonFile.readObject(credentials);
            return first(JsonFile.string(json, "project_id"), JsonFile.string(json, "quota_project_id"));
        } catch (IOException | RuntimeException e) {
            return null; // Missing or unreadable: reported on first use, where it matters.
        }
    }

    private static String string(SkyConfig config, String path) {
        return config.get(path).map(v -> {
            if (!(v instanceof String || v instanceof Number)) {
                throw SkyException.invalidInput(config.where(path) + ": " + path + ": expected a string");
            }
            return String.valueOf(v).strip();
        }).filter(v -> !v.isEmpty()).orElse(null);
    }

    private static String trimSlash(String s) {
        return s == null ? null : s.replaceAll("/+$", "");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
