package dev.sky.provision.storage.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoreUriTest {

    @Test
    void parsesEachScheme() {
        assertThat(StoreUri.parse("s3://data/train/x/")).isEqualTo(new StoreUri("s3", "data", "train/x", null));
        assertThat(StoreUri.parse("gs://b")).isEqualTo(new StoreUri("gcs", "b", "", null));
        assertThat(StoreUri.parse("r2://b/p")).isEqualTo(new StoreUri("r2", "b", "p", null));
        assertThat(StoreUri.parse("https://acct.blob.core.windows.net/cont/a/b"))
                .isEqualTo(new StoreUri("azure", "cont", "a/b", "acct"));
    }

    @Test
    void roundTripsToCanonicalForm() {
        for (String u : new String[] {"s3://b/p/q", "gs://b", "r2://b/p", "https://a.blob.core.windows.net/c/p"}) {
            assertThat(StoreUri.parse(u).toUri()).isEqualTo(u);
        }
    }

    @Test
    void rejectsWithOneLineReason() {
        assertThatThrownBy(() -> StoreUri.parse("ftp://x/y")).hasMessageContaining("unsupported bucket URI scheme");
        assertThatThrownBy(() -> StoreUri.parse("s3://")).hasMessageContaining("no bucket name");
        assertThatThrownBy(() -> StoreUri.parse("https://example.com/c")).hasMessageContaining("blob.core.windows.net");
        assertThatThrownBy(() -> StoreUri.parse("https://a.blob.core.windows.net/")).hasMessageContaining("no container");
        assertThatThrownBy(() -> StoreUri.parse("/local/path")).hasMessageContaining("not a bucket URI");
    }

    @Test
    void tellsBucketUrisFromLocalPaths() {
        assertThat(StoreUri.isBucketUri("s3://b")).isTrue();
        assertThat(StoreUri.isBucketUri("https://a.blob.core.windows.net/c")).isTrue();
        assertThat(StoreUri.isBucketUri("~/data")).isFalse();
        assertThat(StoreUri.isBucketUri("https://github.com/x/y")).isFalse();
    }

    @Test
    void rcloneRemoteNeverPrintsValues() {
        RcloneRemote r = new RcloneRemote("s3", java.util.Map.of("secret_access_key", "SECRETVALUE"));
        assertThat(r.toString()).contains("secret_access_key").doesNotContain("SECRETVALUE");
    }
}
