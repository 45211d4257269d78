package dev.sky.clouds.azure.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.SkyPaths;
import dev.sky.provision.storage.ObjectStores;
import dev.sky.provision.storage.spi.StoreSettings;
import dev.sky.provision.storage.spi.StoreUri;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Azurite-style URLs in file_mounts, through the store-independent parser (no server needed: config only). */
class AzureEndpointUrisTest {
    @TempDir
    Path dir;

    private StoreSettings settings(String config) throws Exception {
        SkyPaths paths = new SkyPaths(Files.createDirectories(dir.resolve("sky")),
                Files.createDirectories(dir.resolve("home")));
        if (config != null) {
            Files.writeString(paths.config(), config);
        }
        return new StoreSettings(paths, null, null, null, Map.of());
    }

    @Test
    void urlsUnderTheConfiguredEndpointAreAzureContainers() throws Exception {
        StoreSettings s = settings("azure:\n  storage:\n    endpoint: http://127.0.0.1:10000/devstoreaccount1\n");
        assertThat(ObjectStores.parseUri("http://127.0.0.1:10000/devstoreaccount1/ckpts/run1/x", s))
                .isEqualTo(new StoreUri("azure", "ckpts", "run1/x", "devstoreaccount1"));
        assertThat(ObjectStores.parseUri("http://127.0.0.1:10000/devstoreaccount1/data", s))
                .isEqualTo(new StoreUri("azure", "data", "", "devstoreaccount1"));
        // The cloud form and the other stores' URIs parse as before.
        assertThat(ObjectStores.parseUri("https://acct.blob.core.windows.net/c/p", s))
                .isEqualTo(new StoreUri("azure", "c", "p", "acct"));
        assertThat(ObjectStores.parseUri("s3://b/p", s)).isEqualTo(new StoreUri("s3", "b", "p", null));
        assertThatThrownBy(() -> ObjectStores.parseUri("http://127.0.0.1:10000/devstoreaccount1", s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no container");
        // Another port, another account path: not this endpoint.
        for (String other : new String[] {"http://127.0.0.1:10001/devstoreaccount1/c", "http://127.0.0.1:10000/x/c",
                "http://127.0.0.1:10000/devstoreaccount12/c"}) {
            assertThatThrownBy(() -> ObjectStores.parseUri(other, s)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(other + " matches no configured store (a URL must be https://<account>.blob.core"
                            + ".windows.net/<container>/... or under azure.storage.endpoint in config.yaml)");
        }
    }

    @Test
    void withoutAConfiguredEndpointAUrlMatchesNoStore() throws Exception {
        StoreSettings s = settings(null);
        assertThatThrownBy(() -> ObjectStores.parseUri("http://127.0.0.1:10000/devstoreaccount1/c", s))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matches no configured store");
    }
}
