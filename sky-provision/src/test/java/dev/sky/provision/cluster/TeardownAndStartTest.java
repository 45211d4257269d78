package dev.sky.provision.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.SkyException;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.ProvisionRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sky down (scenario 8: twice, after an out-of-band delete, failing then working terminates, a silent failure,
 * --purge) and starting a stopped cluster that has no capacity (never terminated, never moved).
 */
class TeardownAndStartTest {
    @TempDir
    Path home;
    EngineFixture f;
    ClusterLifecycle lc;
    final List<String> lines = new ArrayList<>();

    @BeforeEach
    void open() {
        f = new EngineFixture(home);
        lc = new ClusterLifecycle(f.ctx, new LaunchProgress() {
            @Override
            public void stage(String description) {
                lines.add(description);
            }

            @Override
            public void info(String line) {
                lines.add(line);
            }
        });
    }

    @AfterEach
    void close() {
        f.close();
    }

    private ClusterHandle cluster(String name, ClusterStatus status) {
        ClusterInfo info = f.mem1.create(new ProvisionRequest(name, 2, "aws", "r1", "r1-a", "m.large", false, null, 0,
                List.of(), "ssh-ed25519 AAAA k", null, null));
        f.mem1.query(info.ref());
        ClusterHandle h = new ClusterHandle("aws", "AWS", "r1", "r1-a", "m.large", false, 1, 2, 8, null, 0, List.of())
                .withNodes(f.mem1.clusterInfo(info.ref()).orElseThrow());
        Instant t = Instant.now();
        f.ctx.state().clusters().upsert(new ClusterRecord(name, status, "aws", "r1", "r1-a", 2, null, h.toJson(),
                null, t, t, null, null));
        return h;
    }

    @Test
    void downRemovesTheRecordOnlyOnceTheNodesAreGone() {
        cluster("c", ClusterStatus.UP);

        lc.down("c", false);

        assertThat(f.mem1.aliveNodes()).isZero();
        assertThat(f.ctx.state().clusters().get("c")).isEmpty();
    }

    @Test
    void downAfterAnOutOfBandDeleteSaysAlreadyTerminated() {
        cluster("c", ClusterStatus.UP);
        f.mem1.vanish("c");

        lc.down("c", false);

        assertThat(f.ctx.state().clusters().get("c")).isEmpty();
        assertThat(lines).anyMatch(l -> l.contains("already terminated"));
    }

    @Test
    void failingTerminatesAreRetriedAndTheRecordGoesAfterConfirmation() {
        cluster("c", ClusterStatus.UP);
        f.mem1.failNextTerminates(2);

        lc.down("c", false);

        assertThat(f.mem1.aliveNodes()).isZero();
        assertThat(f.ctx.state().clusters().get("c")).isEmpty();
        assertThat(lines).filteredOn(l -> l.contains("retrying")).hasSize(2);
    }

    @Test
    void aTerminateThatKeepsFailingKeepsTheRecordWithWhatToDo() {
        cluster("c", ClusterStatus.UP);
        f.mem1.failNextTerminates(100);

        assertThatThrownBy(() -> lc.down("c", false)).isInstanceOf(SkyException.class)
                .hasMessageContaining("The record is kept").hasMessageContaining("sky down --purge c");

        assertThat(f.ctx.state().clusters().get("c")).isPresent();
    }

    @Test
    void aSilentlyFailingTerminateKeepsTheRecordAndPurgeRemovesItWithAWarning() {
        cluster("c", ClusterStatus.UP);
        f.mem1.silentTerminate(true);

        assertThatThrownBy(() -> lc.down("c", false)).hasMessageContaining("still reports nodes");
        assertThat(f.ctx.state().clusters().get("c")).isPresent();

        lc.down("c", true);
        assertThat(f.ctx.state().clusters().get("c")).isEmpty();
        assertThat(lines).anyMatch(l -> l.startsWith("Warning:") && l.contains("--purge") && l.contains("sky gc"));
        assertThat(f.mem1.aliveNodes()).as("purge only forgets").isEqualTo(2);
    }

    @Test
    void aStoppedClusterWithNoCapacityStaysStoppedInPlace() {
        ClusterHandle h = cluster("s", ClusterStatus.STOPPED);
        f.mem1.stopOutOfBand("s");
        f.mem1.failStarts(true);

        assertThatThrownBy(() -> new ClusterStarter(f.ctx).start("s", h))
                .hasMessageContaining("left STOPPED").hasMessageContaining("sky start s");

        assertThat(f.ctx.state().clusters().get("s").orElseThrow().status()).isEqualTo(ClusterStatus.STOPPED);
        assertThat(f.mem1.aliveNodes()).as("never terminated").isEqualTo(2);
        assertThat(f.mem1.createLog()).as("never moved: no create anywhere").hasSize(1);
    }
}
