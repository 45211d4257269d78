package dev.sky.provision.storage;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.core.state.StateStore;
import dev.sky.core.state.StorageTable.Status;
import dev.sky.core.state.StorageTable.StorageRecord;
import dev.sky.provision.storage.spi.ObjectStore;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * From the laptop, before any node sees a bucket: creates a named bucket that does not exist (its state row is
 * written first, so a crash cannot leak it), uploads the local sources, and records which cluster uses it. A bucket
 * that was found, not created, is recorded as not sky's: {@code sky storage delete} then needs --force.
 */
final class BucketPreparer {
    private final SkyPaths paths;
    private final StateStore state;
    private final UploadPreflight preflight;
    private final boolean relist;
    private final Consumer<String> say;

    /** {@code relist}: list every bucket before uploading, even when the last complete upload's record matches. */
    BucketPreparer(SkyPaths paths, StateStore state, UploadPreflight preflight, boolean relist, Consumer<String> say) {
        this.paths = paths;
        this.state = state;
        this.preflight = preflight;
        this.relist = relist;
        this.say = say;
    }

    void prepare(MountPlan plan, ObjectStore store, String cluster) {
        if (!plan.named()) {
            if (!store.bucketExists(plan.bucket())) {
                throw new SkyException(ExitCode.INVALID_INPUT, "file_mounts." + plan.destination() + ": bucket "
                        + plan.uri() + " does not exist.");
            }
            return;
        }
        String name = plan.bucket();
        StorageRecord row = state.storage().get(name).orElse(null);
        if (row != null && !row.store().equals(plan.storeType())) {
            throw new SkyException(ExitCode.INVALID_INPUT, "file_mounts." + plan.destination() + ": storage '" + name
                    + "' is recorded as a " + row.store() + " bucket, not " + plan.storeType() + ".");
        }
        boolean exists = store.bucketExists(name);
        // The record of the last upload is trusted only for a bucket that stayed (READY, not created again now).
        boolean trusted = !relist && exists && row != null && row.status() == Status.READY;
        if (row == null) {
            Instant now = Instant.now();
            row = new StorageRecord(name, plan.storeType(), sources(plan), null, null, !exists, plan.persistent(),
                    Status.INIT, List.of(cluster), now, now);
            state.storage().upsert(row);
        } else {
            state.storage().setUsedBy(name, cluster, true);
        }
        if (!exists) {
            say.accept("Creating bucket " + plan.storeType() + "://" + name);
            store.createBucket(name, null);
        }
        if (!plan.localSources().isEmpty()) {
            try {
                BucketUploader.Result r = new BucketUploader(paths, preflight, say).upload(store, plan.storeType(),
                        name, "", plan.localSources(), trusted);
                say.accept("  " + r.uploaded() + " of " + r.files() + " file(s) sent (" + UploadPreflight.human(
                        r.bytesUploaded()) + "); the rest were already there.");
            } catch (RuntimeException e) {
                state.storage().setStatus(name, Status.UPLOAD_FAILED);
                throw e;
            }
        }
        state.storage().setStatus(name, Status.READY);
    }

    private static String sources(MountPlan plan) {
        return plan.localSources().isEmpty() ? null : String.join(",",
                plan.localSources().stream().map(Object::toString).toList());
    }
}
