package dev.sky.provision.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.core.task.FileMount;
import dev.sky.core.task.StorageSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountPlansTest {
    @TempDir
    Path dir;

    @Test
    void aUrlUnderNoConfiguredStoreIsRefusedNamingTheField() throws Exception {
        SkyPaths paths = new SkyPaths(dir.resolve("sky"), Files.createDirectories(dir.resolve("home")));
        // This module has no store that takes endpoint URLs (Azure's does, in sky-clouds/azure).
        assertThatThrownBy(() -> MountPlans.plan(new FileMount("/data", "http://127.0.0.1:10000/acct/c/p", null),
                paths, Map.of())).isInstanceOf(SkyException.class)
                .hasMessage("file_mounts./data: http://127.0.0.1:10000/acct/c/p matches no configured store (a URL"
                        + " must be https://<account>.blob.core.windows.net/<container>/... or under"
                        + " azure.storage.endpoint in config.yaml)");
        FileMount dict = new FileMount("/ckpt", null, new StorageSpec(null, List.of("http://minio.lan/b/p"), null,
                true, "COPY", null, null));
        assertThatThrownBy(() -> MountPlans.plan(dict, paths, Map.of())).isInstanceOf(SkyException.class)
                .hasMessageStartingWith("file_mounts./ckpt: http://minio.lan/b/p matches no configured store");
        assertThat(MountPlans.plan(new FileMount("/d", "https://acct.blob.core.windows.net/c/p", null), paths,
                Map.of())).satisfies(p -> {
                    assertThat(p.storeType()).isEqualTo("azure");
                    assertThat(p.bucket()).isEqualTo("c");
                    assertThat(p.account()).isEqualTo("acct");
                    assertThat(p.mode()).isEqualTo(StorageMode.COPY);
                    assertThat(p.uri()).isEqualTo("https://acct.blob.core.windows.net/c/p");
                    assertThat(p.writtenUrl()).isNull();
                });
    }
}
