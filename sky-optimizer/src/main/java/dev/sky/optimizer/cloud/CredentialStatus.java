package dev.sky.optimizer.cloud;

import java.util.List;

/**
 * What {@code sky check} found for one cloud.
 *
 * @param cloud the cloud id
 * @param enabled whether credentials were found
 * @param capabilities what is enabled, e.g. {@code compute}, {@code storage}
 * @param reason why it is disabled (null when enabled)
 * @param hint how to fix it, or a note for an enabled cloud (may be null)
 * @param identity the account or profile found, for {@code -v} (never a secret)
 * @param details extra lines, e.g. Kubernetes contexts
 */
public record CredentialStatus(String cloud, boolean enabled, List<String> capabilities, String reason, String hint,
                               String identity, List<String> details) {
    public CredentialStatus {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        details = details == null ? List.of() : List.copyOf(details);
    }

    public static CredentialStatus enabled(String cloud, List<String> caps, String identity) {
        return new CredentialStatus(cloud, true, caps, null, null, identity, List.of());
    }

    public static CredentialStatus disabled(String cloud, String reason, String hint) {
        return new CredentialStatus(cloud, false, List.of(), reason, hint, null, List.of());
    }
}
