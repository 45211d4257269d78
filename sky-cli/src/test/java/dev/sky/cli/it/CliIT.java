package dev.sky.cli.it;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import dev.sky.cli.testing.SkyProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged bin/sky: help, version, usage errors, --debug, a command entrypoint. */
class CliIT {
    @TempDir
    Path dir;
    SkyProcess sky;

    @BeforeEach
    void setUp() {
        sky = new SkyProcess(dir);
    }

    @Test
    void helpListsEveryCommandAndTouchesNothing() {
        CommandResult r = sky.run("--help");
        assertThat(r).succeeded();
        for (String c : List.of("launch", "exec", "status", "queue", "logs", "cancel", "stop", "start", "down",
                "autostop", "cost-report", "check", "show-gpus", "ssh-config", "local", "storage", "serve", "jobs",
                "completion")) {
            assertThat(r.stdout()).containsPattern("(?m)^\\s+" + c + "\\s");
        }
        assertThat(Files.exists(sky.skyHome())).isFalse();
    }

    @Test
    void versionPrintsSkyAndTheVersion() {
        assertThat(sky.run("--version")).succeeded();
        assertThat(sky.run("--version").stdout()).matches("sky \\d+\\.\\d+\\.\\d+\\n");
    }

    @Test
    void usageErrorExitsTwoWithoutTrace() {
        assertThat(sky.run("launch", "--dryrun", "--gpus")).exitedWith(2).noStackTrace().errContains("--gpus");
    }

    @Test
    void debugShowsATrace() {
        assertThat(sky.run("--debug", "serve", "up", "x.yaml")).exitedWith(1).hasStackTrace()
                .errContains("Sky Serve is not supported yet");
    }

    @Test
    void commandEntrypointIsPlannedOnTheLocalCloudWhenNothingElseIsEnabled() {
        CommandResult r = sky.run("launch", "--dryrun", "--", "echo", "hi");
        assertThat(r).succeeded().outContains("Command to run: echo hi", "Considered resources (1 node):", "Local");
    }

    @Test
    void launchOnACloudWithoutAProvisionerIsRefusedBeforeAnythingIsCreated() {
        // AWS launches now; Azure is still planned and priced only.
        sky.env("AZURE_CLIENT_ID", "00000000-0000-0000-0000-000000000001")
                .env("AZURE_TENANT_ID", "00000000-0000-0000-0000-000000000002")
                .env("AZURE_CLIENT_SECRET", "not-a-real-secret-0")
                .env("AZURE_SUBSCRIPTION_ID", "00000000-0000-0000-0000-000000000003");
        CommandResult r = sky.run("launch", "-y", "-c", "gpu", "--infra", "azure", "--gpus", "V100:1", "--", "true");
        assertThat(r).exitedWith(3).outContains("Considered resources").noStackTrace();
        assertThat(r.stderr().strip().lines().count()).isEqualTo(1);
        assertThat(r.stderr()).contains("Azure").containsIgnoringCase("not available yet");
        // Refused before the INIT row: nothing to clean up.
        assertThat(sky.run("status", "--json").stdout()).contains("\"clusters\":[]");
    }

    @Test
    void launchOnlyPricedWithAllCloudsSaysTheCloudIsNotEnabled() {
        CommandResult r = sky.run("launch", "-y", "-c", "gpu", "--all-clouds", "--gpus", "V100:1", "--", "true");
        assertThat(r).exitedWith(3).noStackTrace();
        assertThat(r.stderr()).contains("not enabled").contains("sky check");
    }
}
