package dev.sky.provision.storage;

import dev.sky.core.state.StorageTable.StorageRecord;
import dev.sky.provision.cluster.ClusterContext;
import dev.sky.provision.storage.spi.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Deletes a recorded bucket: the store first, the row only once the store confirmed it is gone. */
public final class BucketDeleter {
    private final ClusterContext ctx;

    public BucketDeleter(ClusterContext ctx) {
        this.ctx = ctx;
    }

    public void delete(StorageRecord r) {
        try (ObjectStore store = ObjectStores.open(r.store(), StorageMounts.settings(ctx, r.endpoint(), r.region(),
                null))) {
            store.deleteBucket(r.name());
            if (store.bucketExists(r.name())) {
                throw new dev.sky.core.SkyException(dev.sky.core.ExitCode.GENERIC, "the store still lists bucket "
                        + r.name() + " after deleting it; the record is kept.");
            }
            // The bucket's record of its last upload describes objects that are gone.
            UploadManifest.of(ctx.paths(), r.store(), store.endpoint(), r.name(), "").forget();
        }
        ctx.state().storage().delete(r.name());
        try {
            Files.deleteIfExists(StorageMounts.home(ctx.paths()).resolve("checksums")
                    .resolve(r.store() + "-" + r.name() + ".md5"));
        } catch (java.io.IOException ignored) {
            // Only a cache.
        }
    }

    /** Forgets a record without touching the store (a bucket that is already gone). */
    public void forget(String name) {
        ctx.state().storage().delete(name);
    }

}
