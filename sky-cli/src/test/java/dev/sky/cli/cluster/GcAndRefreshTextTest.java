package dev.sky.cli.cluster;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import dev.sky.cli.testing.SkyInProcess;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.provision.cluster.reconcile.Reconciled;
import dev.sky.provision.cluster.reconcile.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sky gc's refusals (before any cloud call) and the lines status prints after a refresh. */
class GcAndRefreshTextTest {
    @TempDir
    Path dir;

    @Test
    void gcRefusesAnUnknownCloudWithOneLineAndWritesNothing() {
        SkyInProcess sky = new SkyInProcess(dir.resolve("sky-home"), dir.resolve("home"));
        CommandResult r = sky.run("gc", "--infra", "nosuchcloud");
        assertThat(r).exitedWith(2).noStackTrace().errContains("unknown cloud 'nosuchcloud'");
        assertThat(Files.exists(dir.resolve("sky-home").resolve("state.db"))).isFalse();
    }

    @Test
    void gcOnACloudThatCannotListByTagSaysSo() {
        SkyInProcess sky = new SkyInProcess(dir.resolve("sky-home"), dir.resolve("home"));
        CommandResult r = sky.run("gc", "--infra", "local");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r).noStackTrace().errContains("cannot list resources by tag");
    }

    @Test
    void refreshNotesNameTheClusterAndWhatChanged() {
        Instant t = Instant.now();
        ClusterRecord r = new ClusterRecord("c", ClusterStatus.UP, "aws", "r", null, 1, null, null, null, t, t, null,
                null);
        List<String> lines = RefreshText.notes(List.of(
                new Reconciled("c", r, Optional.empty(), Verdict.REMOVED, null),
                new Reconciled("d", r, Optional.of(r), Verdict.UNCHANGED, null),
                new Reconciled("e", r, Optional.of(r), Verdict.PARTIAL, "1 of 2 node(s) alive")));
        assertThat(lines).containsExactly("Cluster 'c': its nodes are gone; record removed.",
                "Cluster 'e': now INIT: 1 of 2 node(s) alive.");
        assertThat(RefreshText.orphans(0)).isEmpty();
        assertThat(RefreshText.orphans(3).orElseThrow()).contains("3 resource(s)").contains("sky gc --yes");
    }
}
