package dev.sky.core.state.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.SkyPaths;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.core.state.StateStore;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crash checker itself must see a lost row, a gap and a row that was never reported. */
class SequenceAuditTest {
    @TempDir
    Path tmp;

    @Test
    void seesMissingGapsAndUnreportedRows() throws Exception {
        SkyPaths paths = new SkyPaths(tmp, tmp);
        try (StateStore store = StateStore.at(paths)) {
            for (int n : new int[] {1, 2, 4, 5}) {
                Instant now = Instant.now();
                store.clusters().upsert(new ClusterRecord(CommitLoggerMain.PREFIX + n, ClusterStatus.INIT, "local",
                        null, null, 1, null, null, null, now, now, null, null));
            }
            store.clusters().upsert(new ClusterRecord("other", ClusterStatus.UP, "local", null, null, 1, null, null,
                    null, Instant.now(), Instant.now(), null, null));
        }
        SequenceAudit lastFive = SequenceAudit.of(paths.stateDb(), 5);
        assertThat(lastFive.integrity()).isEqualTo("ok");
        assertThat(lastFive.rows()).isEqualTo(4);
        assertThat(lastFive.missing()).isEqualTo(1);
        assertThat(lastFive.gaps()).isEqualTo(1);
        assertThat(lastFive.beyond()).isZero();
        assertThat(lastFive.sound()).isFalse();

        SequenceAudit lastTwo = SequenceAudit.of(paths.stateDb(), 2);
        assertThat(lastTwo.missing()).isZero();
        assertThat(lastTwo.beyond()).as("4 and 5 were never reported, 3 may have been in flight").isEqualTo(2);

        SequenceAudit inFlight = SequenceAudit.of(paths.stateDb(), 0);
        assertThat(inFlight.beyond()).isEqualTo(3);
    }
}
