package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local task this machine cannot hold is refused before anything is created: exit 3 with the reason. */
class RefusedLaunchIT {
    @TempDir
    Path dir;
    LocalSky sky;

    @BeforeEach
    void setUp() {
        sky = new LocalSky(dir);
    }

    @AfterEach
    void tearDown() {
        sky.close();
    }

    @Test
    void aGpuTheMachineLacksIsRefusedWithNothingCreated() {
        // No machine has 64 H100s, whatever nvidia-smi reports here.
        String task = sky.task("gpu.yaml", """
                resources:
                  infra: local
                  accelerators: H100:64
                run: |
                  echo never
                """);
        CommandResult r = sky.run("launch", "-c", "gpu-e2e", "-y", task);

        assertThat(r).exitedWith(3).noStackTrace().outDoesNotContain("never").errContains("H100");
        nothingCreated("gpu-e2e");
    }

    @Test
    void moreMemoryThanTheMachineHasIsRefusedWithNothingCreated() {
        String task = sky.task("memory.yaml", """
                resources:
                  infra: local
                  memory: 100000+
                run: |
                  echo never
                """);
        CommandResult r = sky.run("launch", "-c", "mem-e2e", "-y", task);

        assertThat(r).exitedWith(3).noStackTrace().outDoesNotContain("never");
        assertThat(r.stderr()).as("%s", r).containsIgnoringCase("memory");
        nothingCreated("mem-e2e");
    }

    private void nothingCreated(String c) {
        assertThat(StateDb.clusterNames(sky.skyHome())).as("state.db rows").isEmpty();
        assertThat(sky.clusterDir(c)).as("node folders").doesNotExist();
        assertThat(sky.leftovers()).as("processes").isEmpty();
    }
}
