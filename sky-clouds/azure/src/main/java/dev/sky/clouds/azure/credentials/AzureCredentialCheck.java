package dev.sky.clouds.azure.credentials;

import dev.sky.core.config.JsonFile;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CredentialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds Azure credentials from files and the environment only: a service principal in the environment
 * ({@code AZURE_CLIENT_ID}, {@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_SECRET} or
 * {@code AZURE_CLIENT_CERTIFICATE_PATH}, and {@code AZURE_SUBSCRIPTION_ID}), else an Azure CLI login:
 * {@code azureProfile.json} in {@code AZURE_CONFIG_DIR} or {@code ~/.azure} with a default subscription.
 */
public final class AzureCredentialCheck {
    static final List<String> CAPABILITIES = List.of("compute", "storage");
    static final String LOGIN_HINT = "Run the following commands:\n"
            + "      $ az login\n"
            + "      $ az account set -s <subscription_id>";
    private static final List<String> PRINCIPAL_VARS =
            List.of("AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_SUBSCRIPTION_ID");

    private final Map<String, String> env;
    private final Path azureDir;

    public AzureCredentialCheck(CheckContext ctx) {
        this.env = ctx.env();
        String dir = env("AZURE_CONFIG_DIR");
        this.azureDir = dir != null ? Path.of(dir) : ctx.paths().userHome().resolve(".azure");
    }

    public CredentialStatus run() {
        List<String> missing = new ArrayList<>();
        PRINCIPAL_VARS.forEach(v -> {
            if (env(v) == null) {
                missing.add(v);
            }
        });
        boolean hasSecret = env("AZURE_CLIENT_SECRET") != null || env("AZURE_CLIENT_CERTIFICATE_PATH") != null;
        if (!hasSecret) {
            missing.add("AZURE_CLIENT_SECRET");
        }
        if (missing.isEmpty()) {
            return CredentialStatus.enabled("azure", CAPABILITIES, "service principal " + env("AZURE_CLIENT_ID")
                    + ", subscription " + env("AZURE_SUBSCRIPTION_ID"));
        }
        boolean principalStarted = env("AZURE_CLIENT_ID") != null && hasSecret;
        CredentialStatus cli = cliLogin();
        if (cli.enabled() || !principalStarted) {
            return cli;
        }
        return CredentialStatus.disabled("azure", "the service principal in the environment is incomplete: "
                + String.join(", ", missing) + " not set", "Set " + String.join(", ", missing) + ", or run az login.");
    }

    private CredentialStatus cliLogin() {
        Path profile = azureDir.resolve("azureProfile.json");
        if (!Files.isRegularFile(profile)) {
            return CredentialStatus.disabled("azure", "Azure CLI login not found (" + profile + " does not exist)",
                    LOGIN_HINT);
        }
        Map<String, Object> json;
        try {
            json = JsonFile.readObject(profile);
        } catch (IOException e) {
            return CredentialStatus.disabled("azure", "cannot read " + profile + ": " + e.getMessage(), LOGIN_HINT);
        }
        Object subs = json.get("subscriptions");
        if (!(subs instanceof List<?> list) || list.isEmpty()) {
            return CredentialStatus.disabled("azure", "not logged in to Azure (no subscriptions in " + profile + ")",
                    LOGIN_HINT);
        }
        for (Object o : list) {
            if (o instanceof Map<?, ?> sub && Boolean.TRUE.equals(sub.get("isDefault"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> s = (Map<String, Object>) sub;
                String state = JsonFile.string(s, "state");
                if (state != null && !state.equalsIgnoreCase("Enabled")) {
                    return CredentialStatus.disabled("azure", "the default subscription "
                            + JsonFile.string(s, "id") + " is " + state, LOGIN_HINT);
                }
                return CredentialStatus.enabled("azure", CAPABILITIES, identity(s));
            }
        }
        return CredentialStatus.disabled("azure", "no default Azure subscription is set", LOGIN_HINT);
    }

    private static String identity(Map<String, Object> sub) {
        String user = sub.get("user") instanceof Map<?, ?> u && u.get("name") instanceof String n ? n : "(unknown)";
        String name = JsonFile.string(sub, "name");
        String id = JsonFile.string(sub, "id");
        return user + ", subscription " + (name != null ? name + " (" + id + ")" : id);
    }

    private String env(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
