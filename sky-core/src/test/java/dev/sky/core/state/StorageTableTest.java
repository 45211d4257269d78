package dev.sky.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.SkyPaths;
import dev.sky.core.state.StorageTable.Status;
import dev.sky.core.state.StorageTable.StorageRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTableTest {
    @TempDir
    Path dir;

    @Test
    void recordsUpdatesAndForgetsBuckets() {
        SkyPaths paths = new SkyPaths(dir, dir);
        Instant t = Instant.ofEpochMilli(1_700_000_000_000L);
        try (StateStore s = StateStore.at(paths)) {
            s.storage().upsert(new StorageRecord("b1", "s3", "~/data", null, "http://127.0.0.1:9", true, false,
                    Status.INIT, List.of(), t, t));
            assertThat(s.storage().setUsedBy("b1", "c2", true)).isTrue();
            assertThat(s.storage().setUsedBy("b1", "c1", true)).isTrue();
            assertThat(s.storage().setStatus("b1", Status.READY)).isTrue();
            StorageRecord r = s.storage().get("b1").orElseThrow();
            assertThat(r.clusters()).containsExactly("c1", "c2");
            assertThat(r.status()).isEqualTo(Status.READY);
            assertThat(r.createdBySky()).isTrue();
            assertThat(r.persistent()).isFalse();
            assertThat(r.endpoint()).isEqualTo("http://127.0.0.1:9");
            assertThat(r.createdAt()).isEqualTo(t);
            assertThat(s.storage().usedBy("c1")).extracting(StorageRecord::name).containsExactly("b1");
            s.storage().setUsedBy("b1", "c1", false);
            assertThat(s.storage().usedBy("c1")).isEmpty();
            assertThat(s.storage().setUsedBy("nope", "c1", true)).isFalse();
            assertThat(s.storage().delete("b1")).isTrue();
            assertThat(s.storage().list()).isEmpty();
        }
        try (StateStore again = StateStore.at(paths)) {
            assertThat(again.storage().get("b1")).isEmpty();
        }
    }
}
