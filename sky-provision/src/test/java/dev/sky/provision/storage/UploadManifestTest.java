package dev.sky.provision.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadManifestTest {
    @TempDir
    Path dir;
    SkyPaths paths;
    Path src;
    InMemoryStore store;
    BucketUploader uploader;

    @BeforeEach
    void setUp() throws Exception {
        paths = new SkyPaths(dir.resolve("sky"), Files.createDirectories(dir.resolve("home")));
        src = Files.createDirectories(dir.resolve("src/sub")).getParent();
        for (int i = 0; i < 20; i++) {
            Files.writeString(src.resolve(i % 2 == 0 ? "f" + i : "sub/f" + i), "content-" + i);
        }
        store = new InMemoryStore();
        Consumer<String> quiet = line -> { };
        uploader = new BucketUploader(paths, UploadPreflight.from(Map.of()), quiet);
    }

    @Test
    void aNoChangeUploadOfATrustedBucketListsNothingAndSendsNothing() {
        assertThat(upload(true)).isEqualTo(new BucketUploader.Result(20, sizes(), 20, sizes()));
        assertThat(store.lists).hasValue(1); // no record yet: listed
        BucketUploader.Result again = upload(true);
        assertThat(again.uploaded()).isZero();
        assertThat(again.files()).isEqualTo(20);
        assertThat(store.lists).hasValue(1);
        assertThat(store.puts).hasValue(20);
    }

    @Test
    void anyLocalChangeOrAnUntrustedBucketFallsBackToListAndDiff() throws Exception {
        upload(true);
        // Not trusted (record not READY, bucket new, or SKY_STORAGE_RELIST=1): listed, nothing sent.
        assertThat(upload(false).uploaded()).isZero();
        assertThat(store.lists).hasValue(2);
        // A changed mtime, same content: listed, the MD5 matches, nothing sent.
        Files.setLastModifiedTime(src.resolve("f0"), FileTime.fromMillis(1_000_000));
        assertThat(upload(true).uploaded()).isZero();
        assertThat(store.lists).hasValue(3);
        assertThat(upload(true).uploaded()).isZero();
        assertThat(store.lists).hasValue(3); // recorded again after the listing
        // A changed size, a new file, a removed file: each is listed and the change sent.
        Files.writeString(src.resolve("f2"), "longer content now");
        assertThat(upload(true).uploaded()).isEqualTo(1);
        assertThat(store.lists).hasValue(4);
        Files.writeString(src.resolve("sub/new"), "new");
        assertThat(upload(true).uploaded()).isEqualTo(1);
        assertThat(store.lists).hasValue(5);
        Files.delete(src.resolve("sub/new"));
        assertThat(upload(true).uploaded()).isZero();
        assertThat(store.lists).hasValue(6);
        assertThat(upload(true).uploaded()).isZero();
        assertThat(store.lists).hasValue(6);
    }

    @Test
    void aFailedUploadLeavesNoRecordSoTheNextUploadListsAndResendsWhatIsMissing() throws Exception {
        upload(true);
        UploadManifest m = UploadManifest.of(paths, "s3", store.endpoint(), "b", "");
        assertThat(m.read()).isPresent();
        Files.writeString(src.resolve("f4"), "changed-4!");
        Files.writeString(src.resolve("f6"), "changed-6!");
        store.failing.add("f6");
        assertThatThrownBy(() -> upload(true)).isInstanceOf(SkyException.class).hasMessageContaining("refused f6");
        assertThat(m.file()).doesNotExist(); // never claims the half upload
        store.failing.clear();
        store.objects.remove("f8"); // deleted behind sky's back: found because the record is gone
        BucketUploader.Result r = upload(true);
        assertThat(r.uploaded()).isEqualTo(2); // f6 and f8 (f4 went through before the failure)
        assertThat(new String(store.objects.get("f6"))).isEqualTo("changed-6!");
        assertThat(store.objects).containsKey("f8");
    }

    @Test
    void theRecordIsPerStoreEndpointBucketAndPrefixAnd0600() throws Exception {
        upload(true);
        UploadManifest m = UploadManifest.of(paths, "s3", store.endpoint(), "b", "");
        assertThat(m.file()).startsWith(paths.home().resolve("storage/uploads"));
        assertThat(Files.getPosixFilePermissions(m.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(m.file().getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(m.read().orElseThrow()).hasSize(20).containsKey("sub/f1");
        assertThat(m.read().orElseThrow().get("f0").md5Hex()).isEqualTo(LocalChecksums.hash(src.resolve("f0")));
        for (UploadManifest other : List.of(UploadManifest.of(paths, "s3", "http://other:9000", "b", ""),
                UploadManifest.of(paths, "gcs", store.endpoint(), "b", ""),
                UploadManifest.of(paths, "s3", store.endpoint(), "c", ""),
                UploadManifest.of(paths, "s3", store.endpoint(), "b", "p"))) {
            assertThat(other.file()).isNotEqualTo(m.file());
        }
        // A damaged record is no record: the bucket is listed.
        Files.writeString(m.file(), "garbage\n");
        upload(true);
        assertThat(store.lists).hasValue(2);
    }

    @Test
    void relistIsAskedWithSkyStorageRelistAndABadValueIsRefused() {
        assertThat(UploadManifest.relistRequested(Map.of())).isFalse();
        assertThat(UploadManifest.relistRequested(Map.of("SKY_STORAGE_RELIST", "0"))).isFalse();
        assertThat(UploadManifest.relistRequested(Map.of("SKY_STORAGE_RELIST", " 1 "))).isTrue();
        assertThatThrownBy(() -> UploadManifest.relistRequested(Map.of("SKY_STORAGE_RELIST", "yes")))
                .isInstanceOf(SkyException.class).hasMessage("SKY_STORAGE_RELIST must be 0 or 1, not 'yes'.");
    }

    private BucketUploader.Result upload(boolean trusted) {
        return uploader.upload(store, "s3", "b", "", List.of(src), trusted);
    }

    private long sizes() {
        long n = 0;
        for (int i = 0; i < 20; i++) {
            n += ("content-" + i).length();
        }
        return n;
    }
}
