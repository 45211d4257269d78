package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -i 1 --down}: the head's watchdog tears the cluster down once it has been idle, with no sky command
 * running. SKY_TIME_SCALE makes the idle minute about a second.
 */
class AutostopIT {
    static final String C = "idle-e2e";

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
    void idleClusterIsTornDownWithoutAnySkyCommand() {
        String task = sky.task("short.yaml", """
                resources:
                  infra: local
                run: |
                  echo short-job
                """);
        assertThat(sky.run("launch", "-c", C, "-y", "-i", "1", "--down", task)).succeeded().outContains("short-job");

        // Watch the machine, not sky: no sky command runs while the watchdog works.
        Poll.until("the idle cluster's node folders to go", LocalSky.WAIT_BOUND,
                () -> !Files.exists(sky.clusterDir(C)));
        Poll.until("every process of this SKY_HOME to end", LocalSky.WAIT_BOUND, () -> sky.leftovers().isEmpty());

        sky.assertGone(C);
        assertThat(sky.clusters()).isEmpty();
    }
}
