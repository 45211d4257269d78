package dev.sky.provision.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.task.AcceleratorDemand;
import dev.sky.core.task.Amount;
import dev.sky.core.task.Infra;
import dev.sky.core.task.ResourceChoice;
import dev.sky.core.task.Resources;
import dev.sky.core.task.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterFitTest {
    private final ClusterHandle local = new ClusterHandle("local", "Local", "local", null, "local", false, 0, 8, 32,
            null, 0, List.of(node(0), node(1)));

    private static ClusterHandle.Node node(int rank) {
        return new ClusterHandle.Node(rank, "i" + rank, "127.0.0." + (rank + 2), 2222, "127.0.0." + (rank + 2), "u",
                "ssh-rsa AAAA");
    }

    private static Task task(int nodes, Resources r) {
        return new Task("t", null, nodes, null, null, null, null, "echo", ResourceChoice.single(r), null, null, null,
                null, null, null, null, null);
    }

    @Test
    void aTaskWithinTheClusterFits() {
        Resources r = Resources.defaults().withInfra(new Infra("local", null, null));
        assertThat(ClusterFit.mismatch(task(2, r), "c", local)).isEmpty();
    }

    @Test
    void saysPreciselyWhatDoesNotMatch() {
        assertThat(ClusterFit.mismatch(task(3, Resources.defaults()), "c", local)).get().asString()
                .contains("needs 3 nodes").contains("has 2");
        assertThat(ClusterFit.mismatch(task(1, Resources.defaults().withAccelerator(AcceleratorDemand.of("A100", 1))),
                "c", local)).get().asString().contains("needs A100:1").contains("no accelerators");
        assertThat(ClusterFit.mismatch(task(1, Resources.defaults().withInfra(new Infra("aws", null, null))), "c",
                local)).get().asString().contains("needs cloud aws");
        Resources bigCpu = new Resources(Infra.ANY, Amount.atLeast(16), null, null, null, false, null, 256, null,
                null, null, null, null, null, null, null, null, null);
        assertThat(ClusterFit.mismatch(task(1, bigCpu), "c", local)).get().asString().contains("16+ vCPUs");
    }

    @Test
    void handleSurvivesItsJsonColumn() {
        ClusterHandle back = ClusterHandle.fromJson(local.toJson());
        assertThat(back).isEqualTo(local);
        assertThat(back.resourcesSummary()).isEqualTo("2x local (cpus=8, mem=32)");
    }
}
