package dev.sky.clouds.aws.credentials;

import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CredentialStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds AWS credentials the way the AWS SDK's default chain does, from the environment and the AWS CLI's files
 * only: environment keys, web identity, the selected profile (static keys, SSO, credential_process, assumed role),
 * then container credentials. The instance metadata service is not probed (that would be a network call).
 * Secret values are only tested for presence; the identity shows a profile name or a masked access key id.
 */
public final class AwsCredentialCheck {
    static final List<String> CAPABILITIES = List.of("compute", "storage");
    static final String SETUP_HINT = "Run the following commands:\n"
            + "      $ aws configure\n"
            + "      $ aws configure list  # Ensure that this shows identity is set.\n"
            + "    For AWS SSO: aws configure sso, then aws sso login --profile <profile_name>";

    /** Confirms what discovery found with the cloud (one STS call), or says why it cannot be used. */
    public interface IdentityConfirmer {
        CredentialStatus confirm(CredentialStatus found);
    }

    private final Map<String, String> env;
    private final Path userHome;
    private final Instant now;
    private final IdentityConfirmer confirmer;

    /** The full check: discovery, then one STS GetCallerIdentity call under a bounded timeout. */
    public AwsCredentialCheck(CheckContext ctx) {
        this(ctx, Instant.now(), new StsIdentity(ctx.env(), ctx.paths().userHome(), StsIdentity.TIMEOUT));
    }

    /** Discovery only: files and environment, no network call. */
    AwsCredentialCheck(CheckContext ctx, Instant now) {
        this(ctx, now, null);
    }

    AwsCredentialCheck(CheckContext ctx, Instant now, IdentityConfirmer confirmer) {
        this.env = ctx.env();
        this.userHome = ctx.paths().userHome();
        this.now = now;
        this.confirmer = confirmer;
    }

    public CredentialStatus run() {
        CredentialStatus found = discover();
        return found.enabled() && confirmer != null ? confirmer.confirm(found) : found;
    }

    private CredentialStatus discover() {
        String keyId = env("AWS_ACCESS_KEY_ID");
        if (keyId != null && env("AWS_SECRET_ACCESS_KEY") != null) {
            return enabled("environment variables (access key " + mask(keyId) + ")");
        }
        if (env("AWS_WEB_IDENTITY_TOKEN_FILE") != null && env("AWS_ROLE_ARN") != null) {
            return enabled("web identity, role " + env("AWS_ROLE_ARN"));
        }
        AwsConfigFiles files;
        try {
            files = AwsConfigFiles.read(env, userHome);
        } catch (IOException e) {
            return CredentialStatus.disabled("aws", "cannot read the AWS CLI files: " + e.getMessage(), SETUP_HINT);
        }
        String explicit = env("AWS_PROFILE") != null ? env("AWS_PROFILE") : env("AWS_DEFAULT_PROFILE");
        String profile = explicit != null ? explicit : "default";
        ProfileResult result = resolve(files, profile, new HashSet<>());
        if (result.usable()) {
            return enabled(result.description());
        }
        if (result.missing() && explicit == null && containerCredentials()) {
            return enabled("container credentials (ECS/EKS task role)");
        }
        if (result.missing()) {
            if (explicit != null) {
                String var = env("AWS_PROFILE") != null ? "AWS_PROFILE" : "AWS_DEFAULT_PROFILE";
                return CredentialStatus.disabled("aws", "profile '" + profile + "' (from " + var + ") is not in "
                        + files.credentialsFile + " or " + files.configFile, SETUP_HINT);
            }
            String reason = keyId != null
                    ? "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not, and no AWS profile was found"
                    : "AWS credentials not found (no AWS_ACCESS_KEY_ID, no profile in " + files.credentialsFile
                            + " or " + files.configFile + ")";
            return CredentialStatus.disabled("aws", reason, SETUP_HINT);
        }
        return CredentialStatus.disabled("aws", result.problem(), result.hint() != null ? result.hint() : SETUP_HINT);
    }

    /** What a profile yields: a usable description, or a problem and its fix; {@code missing} if absent. */
    private record ProfileResult(boolean missing, String description, String problem, String hint) {
        boolean usable() {
            return description != null;
        }

        static ProfileResult ok(String description) {
            return new ProfileResult(false, description, null, null);
        }

        static ProfileResult bad(String problem, String hint) {
            return new ProfileResult(false, null, problem, hint);
        }

        static ProfileResult absent() {
            return new ProfileResult(true, null, null, null);
        }
    }

    private ProfileResult resolve(AwsConfigFiles files, String name, Set<String> seen) {
        if (!seen.add(name)) {
            return ProfileResult.bad("profile '" + name + "' is part of a source_profile loop", null);
        }
        Optional<Map<String, String>> found = files.profile(name);
        if (found.isEmpty()) {
            return ProfileResult.absent();
        }
        Map<String, String> p = found.get();
        String label = "profile '" + name + "'";
        if (has(p, "role_arn")) {
            return assumedRole(files, name, p, seen);
        }
        if (has(p, "aws_access_key_id") && has(p, "aws_secret_access_key")) {
            String where = files.keysInCredentialsFile(name) ? "shared credentials file" : "config file";
            return ProfileResult.ok(label + " (" + where + ", access key " + mask(p.get("aws_access_key_id")) + ")");
        }
        if (has(p, "sso_session") || has(p, "sso_start_url")) {
            return sso(files, name, p);
        }
        if (has(p, "credential_process")) {
            // The command line is not shown: it may carry secrets as arguments.
            return ProfileResult.ok(label + " (credential_process)");
        }
        if (has(p, "aws_access_key_id")) {
            return ProfileResult.bad(label + " has aws_access_key_id but no aws_secret_access_key", SETUP_HINT);
        }
        return ProfileResult.bad(label + " has no credentials (no access key, SSO, credential_process or role_arn)",
                SETUP_HINT);
    }

    private ProfileResult assumedRole(AwsConfigFiles files, String name, Map<String, String> p, Set<String> seen) {
        String label = "profile '" + name + "' (assume role " + p.get("role_arn");
        if (has(p, "web_identity_token_file")) {
            return ProfileResult.ok(label + " with a web identity token)");
        }
        if (has(p, "source_profile")) {
            String source = p.get("source_profile");
            ProfileResult base = source.equals(name) && has(p, "aws_access_key_id") && has(p, "aws_secret_access_key")
                    ? ProfileResult.ok("its own keys")
                    : resolve(files, source, seen);
            if (base.missing()) {
                return ProfileResult.bad("profile '" + name + "' uses source_profile '" + source
                        + "', which does not exist", SETUP_HINT);
            }
            return base.usable() ? ProfileResult.ok(label + " via profile '" + source + "')") : base;
        }
        if (has(p, "credential_source")) {
            String src = p.get("credential_source");
            if (src.equals("Environment") && !(env("AWS_ACCESS_KEY_ID") != null && env("AWS_SECRET_ACCESS_KEY") != null)) {
                return ProfileResult.bad("profile '" + name + "' takes its source credentials from the environment,"
                        + " but AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set", null);
            }
            return ProfileResult.ok(label + " from " + src + ")");
        }
        return ProfileResult.bad("profile '" + name + "' has role_arn but no source_profile, credential_source or"
                + " web_identity_token_file", SETUP_HINT);
    }

    private ProfileResult sso(AwsConfigFiles files, String name, Map<String, String> p) {
        String loginHint = "Run: aws sso login --profile " + name;
        String cacheKey;
        if (has(p, "sso_session")) {
            String session = p.get("sso_session");
            Optional<Map<String, String>> s = files.ssoSession(session);
            if (s.isEmpty()) {
                return ProfileResult.bad("profile '" + name + "' names sso_session '" + session + "', which is not in "
                        + files.configFile, "Run: aws configure sso-session");
            }
            cacheKey = session;
        } else {
            cacheKey = p.get("sso_start_url");
        }
        String account = p.getOrDefault("sso_account_id", "?");
        String role = p.getOrDefault("sso_role_name", "?");
        return switch (SsoTokenCache.state(userHome, cacheKey, now)) {
            case VALID -> ProfileResult.ok("profile '" + name + "' (SSO, account " + account + ", role " + role + ")");
            case EXPIRED -> ProfileResult.bad("the SSO login for profile '" + name + "' has expired", loginHint);
            case MISSING -> ProfileResult.bad("profile '" + name + "' uses AWS SSO but has not logged in", loginHint);
        };
    }

    private boolean containerCredentials() {
        return env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != null
                || env("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null;
    }

    private CredentialStatus enabled(String identity) {
        return CredentialStatus.enabled("aws", CAPABILITIES, identity);
    }

    private String env(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static boolean has(Map<String, String> p, String key) {
        String v = p.get(key);
        return v != null && !v.isBlank();
    }

    /** {@code AKIA…WXYZ}: enough to tell keys apart, not enough to use one. */
    static String mask(String accessKeyId) {
        String k = accessKeyId.strip();
        return k.length() < 12 ? "****" : k.substring(0, 4) + "…" + k.substring(k.length() - 4);
    }
}
