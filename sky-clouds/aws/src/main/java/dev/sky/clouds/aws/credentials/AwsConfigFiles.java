package dev.sky.clouds.aws.credentials;

import dev.sky.core.config.IniFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS CLI's two files: {@code credentials} (sections named after the profile) and {@code config}
 * (sections {@code [profile NAME]}, {@code [default]} and {@code [sso-session NAME]}), at their default places
 * under the home or where {@code AWS_SHARED_CREDENTIALS_FILE} and {@code AWS_CONFIG_FILE} point.
 */
final class AwsConfigFiles {
    final Path credentialsFile;
    final Path configFile;
    private final IniFile credentials;
    private final IniFile config;

    private AwsConfigFiles(Path credentialsFile, Path configFile, IniFile credentials, IniFile config) {
        this.credentialsFile = credentialsFile;
        this.configFile = configFile;
        this.credentials = credentials;
        this.config = config;
    }

    static AwsConfigFiles read(Map<String, String> env, Path userHome) throws IOException {
        Path creds = path(env.get("AWS_SHARED_CREDENTIALS_FILE"), userHome, ".aws/credentials");
        Path conf = path(env.get("AWS_CONFIG_FILE"), userHome, ".aws/config");
        return new AwsConfigFiles(creds, conf, IniFile.read(creds), IniFile.read(conf));
    }

    /** The profile's settings, config file first and the credentials file on top (as the AWS CLI merges them). */
    Optional<Map<String, String>> profile(String name) {
        String configSection = "default".equals(name) && config.hasSection("default") ? "default" : "profile " + name;
        boolean inConfig = config.hasSection(configSection);
        boolean inCredentials = credentials.hasSection(name);
        if (!inConfig && !inCredentials) {
            return Optional.empty();
        }
        Map<String, String> merged = new LinkedHashMap<>(config.section(configSection));
        merged.putAll(credentials.section(name));
        return Optional.of(merged);
    }

    /** Whether the profile's access key came from the credentials file (for the identity line). */
    boolean keysInCredentialsFile(String name) {
        return credentials.get(name, "aws_access_key_id").isPresent();
    }

    Optional<Map<String, String>> ssoSession(String name) {
        String section = "sso-session " + name;
        return config.hasSection(section) ? Optional.of(config.section(section)) : Optional.empty();
    }

    private static Path path(String fromEnv, Path userHome, String defaultRelative) {
        if (fromEnv == null || fromEnv.isBlank()) {
            return userHome.resolve(defaultRelative);
        }
        if (fromEnv.equals("~") || fromEnv.startsWith("~/")) {
            return userHome.resolve(fromEnv.length() <= 2 ? "" : fromEnv.substring(2));
        }
        return Path.of(fromEnv);
    }
}
