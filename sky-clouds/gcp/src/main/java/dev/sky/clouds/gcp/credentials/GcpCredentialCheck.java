package dev.sky.clouds.gcp.credentials;

import dev.sky.core.config.IniFile;
import dev.sky.core.config.JsonFile;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CredentialStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Finds Google application default credentials (ADC) and a project, from files and the environment only:
 * {@code GOOGLE_APPLICATION_CREDENTIALS}, else {@code application_default_credentials.json} in the gcloud config
 * folder ({@code CLOUDSDK_CONFIG} or {@code ~/.config/gcloud}); the project from {@code GOOGLE_CLOUD_PROJECT},
 * {@code CLOUDSDK_CORE_PROJECT}, the active gcloud configuration, or the ADC file. Keys and tokens in the ADC file
 * are never read into a message; the identity is a service-account email or the gcloud account.
 */
public final class GcpCredentialCheck {
    static final List<String> CAPABILITIES = List.of("compute", "storage");
    static final String ADC_HINT = "Run the following commands:\n"
            + "      $ gcloud init\n"
            + "      $ gcloud auth application-default login";
    static final String PROJECT_HINT = "Run: gcloud config set project <PROJECT_ID>"
            + " (or set GOOGLE_CLOUD_PROJECT)";

    private final Map<String, String> env;
    private final Path gcloudDir;

    public GcpCredentialCheck(CheckContext ctx) {
        this.env = ctx.env();
        String dir = env("CLOUDSDK_CONFIG");
        this.gcloudDir = dir != null ? Path.of(dir) : ctx.paths().userHome().resolve(".config/gcloud");
    }

    public CredentialStatus run() {
        String explicit = env("GOOGLE_APPLICATION_CREDENTIALS");
        Path adc = explicit != null ? Path.of(explicit) : gcloudDir.resolve("application_default_credentials.json");
        if (!Files.isRegularFile(adc)) {
            String reason = explicit != null
                    ? "GOOGLE_APPLICATION_CREDENTIALS points to " + adc + ", which does not exist"
                    : "GCP application default credentials not found at " + adc;
            return CredentialStatus.disabled("gcp", reason, ADC_HINT);
        }
        Map<String, Object> json;
        try {
            json = JsonFile.readObject(adc);
        } catch (IOException e) {
            return CredentialStatus.disabled("gcp", "cannot read " + adc + ": " + e.getMessage(), ADC_HINT);
        }
        String type = JsonFile.string(json, "type");
        if (type == null) {
            return CredentialStatus.disabled("gcp", adc + " has no 'type'; it is not a credentials file", ADC_HINT);
        }
        IniFile gcloudConfig = activeConfiguration();
        String project = project(json, gcloudConfig);
        if (project == null) {
            return CredentialStatus.disabled("gcp", "no GCP project is set", PROJECT_HINT);
        }
        return CredentialStatus.enabled("gcp", CAPABILITIES, identity(type, json, gcloudConfig) + ", project " + project);
    }

    private String project(Map<String, Object> adc, IniFile gcloudConfig) {
        for (String var : List.of("GOOGLE_CLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT", "GCLOUD_PROJECT")) {
            if (env(var) != null) {
                return env(var);
            }
        }
        String fromGcloud = gcloudConfig.get("core", "project").orElse(null);
        if (fromGcloud != null) {
            return fromGcloud;
        }
        String projectId = JsonFile.string(adc, "project_id");
        return projectId != null ? projectId : JsonFile.string(adc, "quota_project_id");
    }

    private static String identity(String type, Map<String, Object> adc, IniFile gcloudConfig) {
        return switch (type) {
            case "service_account" -> "service account " + orUnknown(JsonFile.string(adc, "client_email"));
            case "authorized_user" -> "user " + gcloudConfig.get("core", "account").orElse("(application default login)");
            case "impersonated_service_account" -> "impersonated service account";
            case "external_account", "external_account_authorized_user" -> "workload identity federation";
            default -> "application default credentials (" + type + ")";
        };
    }

    /** The active gcloud configuration: {@code CLOUDSDK_ACTIVE_CONFIG_NAME}, the {@code active_config} file, or default. */
    private IniFile activeConfiguration() {
        String name = env("CLOUDSDK_ACTIVE_CONFIG_NAME");
        try {
            if (name == null) {
                Path active = gcloudDir.resolve("active_config");
                name = Files.isRegularFile(active) ? Files.readString(active, StandardCharsets.UTF_8).strip() : "";
                if (name.isEmpty()) {
                    name = "default";
                }
            }
            return IniFile.read(gcloudDir.resolve("configurations").resolve("config_" + name));
        } catch (IOException e) {
            return IniFile.parse("");
        }
    }

    private String env(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String orUnknown(String s) {
        return s == null ? "(unknown)" : s;
    }
}
