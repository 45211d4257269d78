package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import dev.sky.core.fault.FaultPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kill -9 at every named fault point ({@code SKY_FAULT=<point>:halt}), then {@code sky status --refresh} and
 * {@code sky down}: nothing is left, whatever the point. The points come from {@link FaultPoint}, so a new point is
 * covered (or fails here until it has a trigger) without editing a list.
 */
class FaultPointsIT {
    /** What halt does: the process's own exit, as kill -9 leaves it (128 + 9). */
    static final int HALTED = 137;

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

    @ParameterizedTest(name = "{0}")
    @EnumSource(FaultPoint.class)
    void haltAtThePointThenRefreshAndDownLeaveNothing(FaultPoint point) {
        String c = "fault-" + point.ordinal();
        // A job that would run for days: if the halt leaves it running, down must still end it.
        String task = sky.task("long.yaml", """
                name: long
                resources:
                  infra: local
                run: |
                  sleep 9876545
                """);
        Map<String, String> fault = Map.of("SKY_FAULT", point.id() + ":halt");

        CommandResult halted;
        if (point.id().startsWith("launch.")) {
            halted = sky.run(fault, "launch", "-c", c, "-y", "-d", task);
        } else if (point.id().startsWith("down.")) {
            assertThat(sky.run("launch", "-c", c, "-y", "-d", task)).succeeded();
            halted = sky.run(fault, "down", "-y", c);
        } else {
            throw new AssertionError("no trigger for fault point " + point.id() + ": add one to this test");
        }
        assertThat(halted).exitedWith(HALTED).errContains("fault point " + point.id() + ": halting");
        if (Files.exists(sky.clusterDir(c))) {
            assertThat(StateDb.clusterNames(sky.skyHome())).as("whatever was created is recorded").contains(c);
        }

        if (!sky.clusters("--refresh").isEmpty()) {
            assertThat(sky.run("down", "-y", c)).succeeded().noStackTrace();
        }

        sky.assertGone(c);
        assertThat(sky.leftovers()).as("processes referring to SKY_HOME").isEmpty();
    }
}
