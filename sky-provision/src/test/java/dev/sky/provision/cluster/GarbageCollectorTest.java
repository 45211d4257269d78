package dev.sky.provision.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.provision.cluster.gc.GarbageCollector;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.spi.TaggedResource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sky gc over an in-memory cloud: orphans are tagged resources without a record; recorded ones are never touched. */
class GarbageCollectorTest {
    @TempDir
    Path home;
    EngineFixture f;

    @BeforeEach
    void open() {
        f = new EngineFixture(home);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private void create(String name, int n) {
        f.mem1.create(new ProvisionRequest(name, n, "aws", "r1", "r1-a", "m.large", false, null, 0, List.of(),
                "ssh-ed25519 AAAA k", null, null));
    }

    @Test
    void findsAndDeletesOnlyResourcesWithoutARecord() {
        create("kept", 2);
        create("leaked", 2);
        Instant t = Instant.now();
        f.ctx.state().clusters().upsert(new ClusterRecord("kept", ClusterStatus.UP, "aws", "r1", "r1-a", 2, null,
                null, null, t, t, null, null));
        GarbageCollector gc = new GarbageCollector(f.ctx);

        GarbageCollector.Scan scan = gc.scan(List.of("aws", "gcp"), List.of());

        assertThat(scan.orphans()).extracting(TaggedResource::clusterName).containsOnly("leaked").hasSize(2);
        assertThat(scan.scanned()).containsExactly("aws", "gcp");
        assertThat(f.ctx.state().reconcile().orphans()).hasSize(2);

        assertThat(gc.delete(scan)).isEqualTo(2);
        assertThat(f.mem1.clusterNames()).containsExactly("kept");
        assertThat(f.ctx.state().reconcile().orphans()).isEmpty();
    }

    @Test
    void aResourceWhoseClusterGotARecordAfterTheScanIsLeftAlone() {
        create("racing", 1);
        GarbageCollector gc = new GarbageCollector(f.ctx);
        GarbageCollector.Scan scan = gc.scan(List.of("aws"), List.of());
        Instant t = Instant.now();
        f.ctx.state().clusters().upsert(new ClusterRecord("racing", ClusterStatus.INIT, "aws", "r1", "r1-a", 1, null,
                null, null, t, t, null, null));

        assertThat(gc.delete(scan)).isZero();
        assertThat(f.mem1.aliveNodes()).isEqualTo(1);
    }
}
