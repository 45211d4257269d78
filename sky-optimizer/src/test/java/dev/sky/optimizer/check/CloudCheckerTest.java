package dev.sky.optimizer.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.core.config.SkyConfigLoader;
import dev.sky.core.state.StateStore;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudRegistry;
import dev.sky.optimizer.cloud.CredentialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudCheckerTest {
    @TempDir Path tmp;
    private SkyPaths paths;
    private StateStore store;
    private final FakeCloud aws = new FakeCloud("aws", true);
    private final FakeCloud gcp = new FakeCloud("gcp", false);
    private final FakeCloud kubernetes = new FakeCloud("kubernetes", true);
    private final FakeCloud local = new FakeCloud("local", true);

    @BeforeEach
    void setUp() {
        paths = new SkyPaths(tmp.resolve("sky"), tmp);
        store = StateStore.at(paths);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private CloudChecker checker() {
        CloudRegistry registry = CloudRegistry.of(List.of(local, gcp, aws, kubernetes));
        return new CloudChecker(registry, new CheckContext(Map.of(), paths), () -> SkyConfigLoader.load(paths),
                store, Clock.systemUTC());
    }

    private void config(String yaml) throws IOException {
        Files.createDirectories(paths.home());
        Files.writeString(paths.config(), yaml);
    }

    @Test
    void checksEveryCloudInIdOrder() {
        List<CredentialStatus> statuses = checker().check(List.of());
        assertThat(statuses).extracting(CredentialStatus::cloud).containsExactly("aws", "gcp", "kubernetes", "local");
        assertThat(statuses).extracting(CredentialStatus::enabled).containsExactly(true, false, true, true);
        assertThat(statuses.get(1).reason()).isEqualTo("no credentials");
        assertThat(statuses.get(1).hint()).isEqualTo("log in");
    }

    @Test
    void secondEnabledCloudsCallReadsTheCacheWithoutChecking() {
        CloudChecker checker = checker();
        assertThat(checker.enabledClouds()).containsExactly("aws", "kubernetes", "local");
        assertThat(aws.checks.get()).isEqualTo(1);
        assertThat(checker.enabledClouds()).containsExactly("aws", "kubernetes", "local");
        assertThat(checker().enabledClouds()).as("a new process reads the same cache").contains("aws");
        assertThat(aws.checks.get()).isEqualTo(1);
        assertThat(gcp.checks.get()).isEqualTo(1);
    }

    @Test
    void checkingOneCloudUpdatesOnlyItsEntry() {
        CloudChecker checker = checker();
        checker.check(List.of());
        aws.credentialsPresent = false;
        gcp.credentialsPresent = true;
        List<CredentialStatus> statuses = checker.check(List.of("AWS"));
        assertThat(statuses).extracting(CredentialStatus::cloud).containsExactly("aws");
        assertThat(gcp.checks.get()).isEqualTo(1);
        // gcp keeps its old (disabled) entry until it is checked again.
        assertThat(checker.enabledClouds()).containsExactly("kubernetes", "local");
        checker.check(List.of("gcp"));
        assertThat(checker.enabledClouds()).containsExactly("gcp", "kubernetes", "local");
    }

    @Test
    void aliasSelectsKubernetes() {
        assertThat(checker().check(List.of("k8s"))).extracting(CredentialStatus::cloud).containsExactly("kubernetes");
    }

    @Test
    void unknownCloudNameIsInvalidInputNamingTheValidOnes() {
        assertThatThrownBy(() -> checker().check(List.of("awz")))
                .isInstanceOfSatisfying(SkyException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessageContaining("Did you mean 'aws'?")
                .hasMessageContaining("Valid clouds: aws, gcp, kubernetes, local.");
    }

    @Test
    void cloudsOutsideAllowedCloudsAreDisabledWithoutBeingChecked() throws IOException {
        config("allowed_clouds: [aws, gcp]\n");
        List<CredentialStatus> statuses = checker().check(List.of());
        CredentialStatus k8s = statuses.stream().filter(s -> s.cloud().equals("kubernetes")).findFirst().orElseThrow();
        assertThat(k8s.enabled()).isFalse();
        assertThat(k8s.reason()).isEqualTo("not in allowed_clouds");
        assertThat(k8s.hint()).contains("add 'kubernetes' to allowed_clouds");
        assertThat(kubernetes.checks.get()).isZero();
        assertThat(local.checks.get()).isZero();
        assertThat(checker().enabledClouds()).containsExactly("aws");
    }

    @Test
    void changingAllowedCloudsRerunsTheCheckOnce() throws IOException {
        CloudChecker checker = checker();
        assertThat(checker.enabledClouds()).containsExactly("aws", "kubernetes", "local");
        config("allowed_clouds: [local, kubernetes]\n");
        assertThat(checker.enabledClouds()).containsExactly("kubernetes", "local");
        assertThat(local.checks.get()).isEqualTo(2);
        assertThat(checker.enabledClouds()).containsExactly("kubernetes", "local");
        assertThat(local.checks.get()).isEqualTo(2);
    }

    @Test
    void allowedCloudsTypoIsReportedWithItsPosition() throws IOException {
        config("allowed_clouds:\n  - aws\n  - gpc\n");
        assertThatThrownBy(() -> checker().enabledClouds())
                .isInstanceOfSatisfying(SkyException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessageContaining("config.yaml:3:5")
                .hasMessageContaining("unknown cloud 'gpc'")
                .hasMessageContaining("Did you mean 'gcp'?");
    }

    @Test
    void skyPilotOnlyCloudsInAllowedCloudsAreSkipped() throws IOException {
        config("allowed_clouds: [lambda, aws, K8S]\n");
        assertThat(checker().enabledClouds()).containsExactly("aws", "kubernetes");
    }

    @Test
    void aFailingCheckDisablesThatCloudOnly() {
        aws.failure = new IllegalStateException("unreadable file");
        List<CredentialStatus> statuses = checker().check(List.of());
        assertThat(statuses.get(0).enabled()).isFalse();
        assertThat(statuses.get(0).reason()).contains("unreadable file");
        assertThat(statuses.get(2).enabled()).isTrue();
    }

    @Test
    void nothingEnabledIsCheckedAgainNextTime() throws IOException {
        config("allowed_clouds: [gcp]\n");
        CloudChecker checker = checker();
        assertThat(checker.enabledClouds()).isEmpty();
        gcp.credentialsPresent = true;
        assertThat(checker.enabledClouds()).containsExactly("gcp");
        assertThat(gcp.checks.get()).isEqualTo(2);
    }
}
