package dev.sky.clouds.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.core.json.Json;
import dev.sky.provision.storage.spi.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** The node key's session policy, the scoped-or-not decision and its config keys; nothing is contacted. */
class ScopedS3CredentialsTest {
    @TempDir
    Path dir;

    static final AwsBasicCredentials USER_KEY = AwsBasicCredentials.create("AKIAUSER", "user-secret");

    @Test
    @SuppressWarnings("unchecked")
    void policyAllowsOnlyTheBucketAndItsObjects() {
        Map<String, Object> p = Json.parseObject(BucketSessionPolicy.json("my-data", "us-west-2"));
        List<Map<String, Object>> st = (List<Map<String, Object>>) p.get("Statement");
        assertThat(st).hasSize(2).allSatisfy(s -> assertThat(s).containsEntry("Effect", "Allow"));
        assertThat(st.get(0)).containsEntry("Resource", "arn:aws:s3:::my-data")
                .containsEntry("Action", List.of("s3:ListBucket", "s3:GetBucketLocation"));
        assertThat(st.get(1)).containsEntry("Resource", "arn:aws:s3:::my-data/*")
                .containsEntry("Action", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject",
                        "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"));
        // Nothing wider: no wildcard action, no other resource.
        assertThat(BucketSessionPolicy.json("my-data", "us-west-2")).doesNotContain("s3:*", "\"*\"", ":::*");
        assertThat(BucketSessionPolicy.json("b", "cn-north-1")).contains("arn:aws-cn:s3:::b/*");
        assertThat(BucketSessionPolicy.json("b", "us-gov-west-1")).contains("arn:aws-us-gov:s3:::b\"");
    }

    @Test
    void federatedNameFitsStsLimit() {
        assertThat(ScopedS3Credentials.federatedName("b1")).isEqualTo("sky-b1");
        String longName = "a".repeat(63);
        assertThat(ScopedS3Credentials.federatedName(longName)).hasSize(32).startsWith("sky-aaa");
    }

    @Test
    void awsItselfIsScopedWithNoWarning() throws Exception {
        ScopedS3Credentials.Choice c = ScopedS3Credentials.choose(config(""), USER_KEY, "b");
        assertThat(c.scope()).isTrue();
        assertThat(c.warning()).isNull();
    }

    @Test
    void customEndpointWithoutStsFallsBackWithOneWarningLine() throws Exception {
        ScopedS3Credentials.Choice c = ScopedS3Credentials.choose(config("    endpoint: http://127.0.0.1:9\n"),
                USER_KEY, "my-data");
        assertThat(c.scope()).isFalse();
        assertThat(c.warning()).startsWith("Warning: s3://my-data: the node gets the profile's own key")
                .contains("no STS endpoint for http://127.0.0.1:9", "aws.s3.sts_endpoint",
                        "aws.s3.node_credentials: profile").doesNotContain("\n", "user-secret");
        ScopedS3Credentials.Choice withSts = ScopedS3Credentials.choose(config("    endpoint: http://127.0.0.1:9\n"
                + "    sts_endpoint: http://127.0.0.1:10\n"), USER_KEY, "my-data");
        assertThat(withSts.scope()).isTrue();
    }

    @Test
    void sessionCredentialsFallBackWithOneWarningLine() throws Exception {
        ScopedS3Credentials.Choice c = ScopedS3Credentials.choose(config(""),
                AwsSessionCredentials.create("ASIAX", "s", "token-value"), "b");
        assertThat(c.scope()).isFalse();
        assertThat(c.warning()).contains("session credentials", "IAM user").doesNotContain("\n", "token-value");
    }

    @Test
    void profileModeGivesTheProfileKeyWithoutAWarning() throws Exception {
        ScopedS3Credentials.Choice c = ScopedS3Credentials.choose(config("    endpoint: http://127.0.0.1:9\n"
                + "    node_credentials: profile\n"), USER_KEY, "b");
        assertThat(c.scope()).isFalse();
        assertThat(c.warning()).isNull();
    }

    @Test
    void nodeCredentialKeysAreValidatedInOneLine() throws Exception {
        assertThat(config("").node()).isEqualTo(new S3NodeCredentialSettings(true, 36, null));
        assertThat(config("    node_credentials_hours: 2\n").node().hours()).isEqualTo(2);
        for (String bad : List.of("0", "37", "1.5", "soon")) {
            assertThatThrownBy(() -> config("    node_credentials_hours: " + bad + "\n"))
                    .isInstanceOf(SkyException.class)
                    .hasMessageContaining("aws.s3.node_credentials_hours must be a whole number of hours from 1"
                            + " to 36")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThatThrownBy(() -> config("    node_credentials: everything\n"))
                .hasMessageContaining("aws.s3.node_credentials must be scoped or profile");
        assertThatThrownBy(() -> config("    sts_endpoint: minio:9000\n"))
                .hasMessageContaining("aws.s3.sts_endpoint must be an http:// or https:// URL");
    }

    private S3StoreConfig config(String s3Keys) throws Exception {
        SkyPaths paths = new SkyPaths(Files.createDirectories(dir.resolve("sky")),
                Files.createDirectories(dir.resolve("home")));
        Files.writeString(paths.config(), "aws:\n  s3:\n" + (s3Keys.isEmpty() ? "    region: us-east-1\n" : s3Keys));
        return S3StoreConfig.resolve("s3", new StoreSettings(paths, null, null, null, Map.of()));
    }
}
