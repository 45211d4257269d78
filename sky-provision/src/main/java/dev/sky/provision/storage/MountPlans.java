package dev.sky.provision.storage;

import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.core.task.FileMount;
import dev.sky.core.task.StorageSpec;
import dev.sky.core.task.Task;
import dev.sky.provision.storage.spi.StoreSettings;
import dev.sky.provision.storage.spi.StoreUri;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the task's bucket file mounts (cloud URIs and storage dicts) into {@link MountPlan}s, refusing bad input in
 * one line before anything is created. Local file mounts are not here: the workdir uploader syncs them.
 */
public final class MountPlans {
    /** The stores sky knows; one may still be missing from a build (then {@link ObjectStores} says so). */
    static final Set<String> STORES = Set.of("s3", "gcs", "azure", "r2");
    /** The store for a named bucket when neither {@code store:} nor a bucket URI says which. */
    static final String DEFAULT_STORE = "s3";

    private MountPlans() {}

    /** Whether a file mount is a bucket mount (handled here) rather than a local path. */
    public static boolean isBucketMount(FileMount m) {
        return m.storage() != null || m.isCloudUri();
    }

    /** {@code paths} and {@code env}: for {@code ~} in sources and for URLs under a store's configured endpoint. */
    public static List<MountPlan> of(Task task, SkyPaths paths, Map<String, String> env) {
        List<MountPlan> plans = new ArrayList<>();
        for (FileMount m : task.fileMounts().values()) {
            if (isBucketMount(m)) {
                plans.add(plan(m, paths, env));
            }
        }
        return plans;
    }

    static MountPlan plan(FileMount m, SkyPaths paths, Map<String, String> env) {
        String where = "file_mounts." + m.destination();
        StoreSettings settings = new StoreSettings(paths, null, null, null, env);
        if (m.storage() == null) {
            StoreUri u = uri(m.source(), settings, where);
            // The string form copies, as in SkyPilot.
            return new MountPlan(m.destination(), StorageMode.COPY, u.storeType(), u.bucket(), u.prefix(),
                    u.account(), List.of(), false, true, writtenUrl(m.source()));
        }
        StorageSpec s = m.storage();
        StorageMode mode = StorageMode.parse(s.mode(), where);
        String store = s.store() == null ? null : s.store().strip().toLowerCase(Locale.ROOT);
        if (store != null && !STORES.contains(store)) {
            throw SkyException.invalidInput(where + ": store '" + s.store() + "' is not supported (one of: s3, gcs,"
                    + " azure, r2).");
        }
        List<String> sources = s.sources();
        if (sources.size() == 1 && looksLikeUri(sources.get(0))) {
            StoreUri u = uri(sources.get(0), settings, where);
            if (store != null && !store.equals(u.storeType())) {
                throw SkyException.invalidInput(where + ": store '" + store + "' does not match the source "
                        + sources.get(0) + ".");
            }
            if (s.name() != null && !s.name().equals(u.bucket())) {
                throw SkyException.invalidInput(where + ": name '" + s.name() + "' differs from the bucket of the"
                        + " source " + sources.get(0) + "; give one of them.");
            }
            return new MountPlan(m.destination(), mode, u.storeType(), u.bucket(), u.prefix(), u.account(),
                    List.of(), false, s.persistent(), writtenUrl(sources.get(0)));
        }
        List<Path> local = new ArrayList<>();
        for (String src : sources) {
            if (looksLikeUri(src)) {
                throw SkyException.invalidInput(where + ": a source list may hold local paths only, not " + src
                        + ".");
            }
            Path p = expand(src, paths.userHome());
            if (!Files.exists(p)) {
                throw SkyException.invalidInput(where + ": source " + src + " does not exist.");
            }
            local.add(p);
        }
        if (s.name() == null) {
            throw SkyException.invalidInput(where + ": a storage entry needs `name:` (the bucket to create or"
                    + " reuse) unless its source is a bucket URI.");
        }
        String type = store == null ? DEFAULT_STORE : store;
        checkBucketName(s.name(), type, where);
        return new MountPlan(m.destination(), mode, type, s.name(), "", null, local, true, s.persistent(), null);
    }

    /** A URL under a configured endpoint has no canonical form: messages show it as written. */
    private static String writtenUrl(String source) {
        return StoreUri.isBucketUri(source) ? null : source.replaceAll("/+$", "");
    }

    private static boolean looksLikeUri(String source) {
        return StoreUri.isBucketUri(source) || source.matches("^[a-z0-9]+://.*");
    }

    private static StoreUri uri(String source, StoreSettings settings, String where) {
        try {
            return ObjectStores.parseUri(source, settings);
        } catch (IllegalArgumentException e) {
            throw SkyException.invalidInput(where + ": " + e.getMessage());
        }
    }

    /** S3/GCS/R2 and Azure container rules, the common subset: 3-63 of [a-z0-9.-], starting and ending alphanumeric. */
    static void checkBucketName(String name, String store, String where) {
        String allowed = store.equals("azure") ? "[a-z0-9-]" : "[a-z0-9.-]";
        if (!name.matches("[a-z0-9]" + allowed + "{1,61}[a-z0-9]") || name.contains("..")) {
            throw SkyException.invalidInput(where + ": '" + name + "' is not a valid " + store + " bucket name (3-63"
                    + " lowercase letters, digits" + (store.equals("azure") ? "" : ", dots") + " and hyphens,"
                    + " starting and ending with a letter or digit).");
        }
    }

    static Path expand(String path, Path userHome) {
        String p = path.equals("~") || path.startsWith("~/") ? userHome + path.substring(1) : path;
        return Path.of(p).toAbsolutePath().normalize();
    }
}
