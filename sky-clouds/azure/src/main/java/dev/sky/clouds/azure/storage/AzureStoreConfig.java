package dev.sky.clouds.azure.storage;

import dev.sky.core.SkyException;
import dev.sky.core.config.IniFile;
import dev.sky.core.config.SkyConfig;
import dev.sky.core.config.SkyConfigLoader;
import dev.sky.provision.storage.spi.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which storage account, where its blob endpoint is, and its credential, from explicit sources only, first found
 * wins: {@code AZURE_STORAGE_CONNECTION_STRING}; {@code AZURE_STORAGE_ACCOUNT} with {@code AZURE_STORAGE_KEY} or
 * {@code AZURE_STORAGE_SAS_TOKEN}; the {@code [storage]} section of the Azure CLI's config file
 * ({@code AZURE_CONFIG_DIR} or {@code ~/.azure}, keys {@code connection_string}, {@code account}, {@code key},
 * {@code sas_token}). {@code config.yaml} (docs/storage.md):
 * <pre>
 * azure:
 *   storage:
 *     account: mystorageacct                    # default: from the credential sources above
 *     endpoint: http://127.0.0.1:10000/devstoreaccount1   # Azurite or a private endpoint; default https://ACCOUNT.blob.core.windows.net
 * </pre>
 *
 * @param account the storage account, or null when none is known (reported on first use)
 * @param endpoint the account's blob endpoint URL without a trailing '/', or null when the account is unknown
 * @param accountKey the shared key (secret), or null
 * @param sasToken an account or container SAS (secret), or null
 * @param source where the credential came from, for messages (never the value)
 * @param credentialAccount the account the credential names (connection string, AZURE_STORAGE_ACCOUNT, az config),
 *     or null; a key for one account cannot sign for another
 */
public record AzureStoreConfig(String account, String endpoint, String accountKey, String sasToken, String source,
                               String credentialAccount) {

    /** Never shows the key or the SAS. */
    @Override
    public String toString() {
        return "AzureStoreConfig[account=" + account + ", endpoint=" + endpoint + ", source=" + source + "]";
    }

    public static AzureStoreConfig resolve(StoreSettings s) {
        SkyConfig config = SkyConfigLoader.load(s.paths());
        Map<String, String> env = s.env();
        Map<String, String> creds = new LinkedHashMap<>();
        String source;
        if (!blank(env.get("AZURE_STORAGE_CONNECTION_STRING"))) {
            creds.putAll(parseConnectionString(env.get("AZURE_STORAGE_CONNECTION_STRING")));
            source = "AZURE_STORAGE_CONNECTION_STRING";
        } else if (!blank(env.get("AZURE_STORAGE_KEY")) || !blank(env.get("AZURE_STORAGE_SAS_TOKEN"))) {
            put(creds, "AccountName", env.get("AZURE_STORAGE_ACCOUNT"));
            put(creds, "AccountKey", env.get("AZURE_STORAGE_KEY"));
            put(creds, "SharedAccessSignature", env.get("AZURE_STORAGE_SAS_TOKEN"));
            source = blank(env.get("AZURE_STORAGE_KEY")) ? "AZURE_STORAGE_SAS_TOKEN" : "AZURE_STORAGE_KEY";
        } else {
            source = azCliConfig(s, env, creds);
        }
        String account = first(s.account(), string(config, "azure.storage.account"), creds.get("AccountName"),
                env.get("AZURE_STORAGE_ACCOUNT"));
        String endpoint = first(s.endpoint(), string(config, "azure.storage.endpoint"), creds.get("BlobEndpoint"));
        if (endpoint == null && account != null) {
            String suffix = first(creds.get("EndpointSuffix"), "core.windows.net");
            endpoint = first(creds.get("DefaultEndpointsProtocol"), "https") + "://" + account + ".blob." + suffix;
        }
        return new AzureStoreConfig(account, endpoint == null ? null : endpoint.replaceAll("/+$", ""),
                creds.get("AccountKey"), creds.get("SharedAccessSignature"), source,
                first(creds.get("AccountName"), env.get("AZURE_STORAGE_ACCOUNT")));
    }

    /** The Azure CLI's own config file: {@code [storage]} as {@code az storage} reads it. */
    private static String azCliConfig(StoreSettings s, Map<String, String> env, Map<String, String> creds) {
        String dir = env.get("AZURE_CONFIG_DIR");
        Path file = (blank(dir) ? s.paths().userHome().resolve(".azure") : Path.of(dir)).resolve("config");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Map<String, String> section = IniFile.read(file).section("storage");
            if (section == null || section.isEmpty()) {
                return null;
            }
            if (!blank(section.get("connection_string"))) {
                creds.putAll(parseConnectionString(section.get("connection_string")));
            } else {
                put(creds, "AccountName", section.get("account"));
                put(creds, "AccountKey", section.get("key"));
                put(creds, "SharedAccessSignature", section.get("sas_token"));
            }
            return file.toString();
        } catch (IOException e) {
            throw SkyException.invalidInput("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    /** {@code Key=Value;Key=Value}; values may contain '=' (keys are base64). */
    static Map<String, String> parseConnectionString(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            } else if (!part.isBlank()) {
                throw SkyException.invalidInput("the Azure storage connection string is malformed (expected"
                        + " Key=Value pairs separated by ';')");
            }
        }
        return out;
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (!blank(v)) {
            m.put(k, v.strip());
        }
    }

    private static String string(SkyConfig config, String path) {
        return config.get(path).map(v -> {
            if (!(v instanceof String)) {
                throw SkyException.invalidInput(config.where(path) + ": " + path + ": expected a string");
            }
            return ((String) v).strip();
        }).filter(v -> !v.isEmpty()).orElse(null);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (!blank(v)) {
                return v.strip();
            }
        }
        return null;
    }
}
