package dev.sky.clouds.ssh.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.SkyPaths;
import dev.sky.core.state.SshHostTable;
import dev.sky.core.state.StateStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host facts as the probe reads them, and leases on a real SQLite state DB: one cluster per host. */
class PoolLeasesTest {
    @TempDir Path home;

    @Test
    void probeOutputBecomesFactsAndAShape() {
        HostFacts f = HostFacts.parse("cpus=8\nmem_kb=16384000\nos=Debian GNU/Linux 12 (bookworm)\narch=x86_64\n"
                + "bash=1\ndisk_kb=104857600\ngpu=NVIDIA A100-SXM4-80GB, 81920\ngpu=NVIDIA A100-SXM4-80GB, 81920\n");
        assertThat(f.shape()).isEqualTo("8CPU--15.6GB--2xA100-80GB");
        assertThat(f.gpuMemoryGb()).isEqualTo(80.0);
        assertThat(f.diskFreeGb()).isEqualTo(100.0);
        assertThat(HostFacts.fromMap(f.toMap())).isEqualTo(f);
        assertThat(f.covers(HostFacts.parse("cpus=4\nmem_kb=8000000\nbash=1\ngpu=A100-SXM4-80GB, 1\n"))).isTrue();
    }

    @Test
    void aHostGoesToOneClusterAtATimeAndABusyPoolNamesItsHolder() {
        try (StateStore store = StateStore.at(new SkyPaths(home.resolve(".skyj"), home))) {
            SshHostTable t = store.sshHosts();
            Instant now = Instant.now();
            SshHostTable.LeaseResult a = t.lease("lab", List.of("h1", "h2"), "a", 2, now);
            assertThat(a.granted()).isTrue();
            assertThat(a.leases()).extracting(SshHostTable.Lease::host).containsExactly("h1", "h2");
            assertThat(t.lease("lab", List.of("h2", "h1"), "a", 2, now).leases()).extracting(SshHostTable.Lease::host)
                    .containsExactly("h1", "h2");
            SshHostTable.LeaseResult b = t.lease("lab", List.of("h1", "h2"), "b", 1, now);
            assertThat(b.granted()).isFalse();
            assertThat(b.holders()).isEqualTo(Map.of("h1", "a", "h2", "a"));
            assertThat(t.leases("b")).isEmpty();
            assertThat(t.forgetPool("lab")).containsExactly("a");
            assertThat(t.releaseAll("a")).isEqualTo(2);
            assertThat(t.lease("lab", List.of("h1", "h2"), "b", 1, now).leases())
                    .extracting(SshHostTable.Lease::host).containsExactly("h1");
        }
    }
}
