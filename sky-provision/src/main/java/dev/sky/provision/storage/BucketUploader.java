package dev.sky.provision.storage;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.RemoteObject;
import dev.sky.provision.sync.IgnoreFiles;
import dev.sky.provision.sync.ManifestEntry;
import dev.sky.provision.sync.TreeScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Uploads local sources into a bucket in parallel, sending only files whose size or MD5 differs from the object's.
 * A folder source lands at the bucket's root when it is the only source, else under its own name; ignore files
 * ({@code .skyignore}, else {@code .gitignore}) apply as for the workdir. Objects are never deleted.
 */
public final class BucketUploader {
    /** Parallel PUTs: enough to hide per-request latency, few enough for a laptop uplink. */
    static final int PARALLELISM = 16;

    /** What one upload did. */
    public record Result(long files, long bytes, long uploaded, long bytesUploaded) {}

    /** One local file and the key it goes to. */
    record LocalFile(Path path, String key, long size, long mtimeNanos) {}

    private final SkyPaths paths;
    private final UploadPreflight preflight;
    private final Consumer<String> say;

    /** An uploader that reports its preflight and warnings through {@code say}. */
    public BucketUploader(SkyPaths paths, UploadPreflight preflight, Consumer<String> say) {
        this.paths = paths;
        this.preflight = preflight;
        this.say = say;
    }

    /**
     * Uploads {@code sources}. With {@code trusted} (the bucket existed, its record is READY, no relist was asked
     * for) and a local tree equal to the one the last complete upload recorded ({@link UploadManifest}), nothing is
     * listed and nothing sent; otherwise the bucket is listed and compared, and the record is rewritten once every
     * object is stored.
     */
    public Result upload(ObjectStore store, String storeType, String bucket, String prefix, List<Path> sources,
                         boolean trusted) {
        List<LocalFile> files = new ArrayList<>();
        for (Path src : sources) {
            files.addAll(scan(src, sources.size() == 1, prefix));
        }
        long bytes = files.stream().mapToLong(LocalFile::size).sum();
        String what = sources.size() == 1 ? sources.get(0).toString() : sources.size() + " sources";
        String target = storeType + "://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
        UploadPreflight.Size size = new UploadPreflight.Size(files.size(), bytes);
        say.accept(UploadPreflight.summary(what, target, size));
        preflight.warning(what, size).ifPresent(say);
        UploadManifest manifest = UploadManifest.of(paths, storeType, store.endpoint(), bucket, prefix);
        if (manifest.matches(trusted, files)) {
            return new Result(files.size(), bytes, 0, 0);
        }
        manifest.forget();
        Map<String, RemoteObject> remote = store.list(bucket, prefix);
        LocalChecksums sums = LocalChecksums.load(paths.home().resolve("storage").resolve("checksums")
                .resolve(storeType + "-" + bucket + ".md5"));
        AtomicLong sent = new AtomicLong();
        AtomicLong sentBytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM, r -> {
            Thread t = new Thread(r, "sky-upload");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> work = new ArrayList<>();
            for (LocalFile f : files) {
                work.add(pool.submit(() -> {
                    RemoteObject o = remote.get(f.key());
                    if (o != null && o.size() == f.size() && (o.md5Hex() == null
                            || o.md5Hex().equals(sums.md5(f.path(), f.size(), f.mtimeNanos())))) {
                        return;
                    }
                    store.upload(bucket, f.key(), f.path());
                    // Remembered now (the file is in the page cache), so the next upload reads no content.
                    sums.md5(f.path(), f.size(), f.mtimeNanos());
                    sent.incrementAndGet();
                    sentBytes.addAndGet(f.size());
                }));
            }
            RuntimeException first = null;
            for (Future<?> w : work) {
                try {
                    w.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException re ? re
                                : new SkyException(ExitCode.GENERIC, "Upload failed: " + e.getCause().getMessage());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SkyException(ExitCode.GENERIC, "Interrupted while uploading to " + target);
                }
            }
            if (first != null) {
                throw first;
            }
            List<UploadManifest.Entry> stored = new ArrayList<>(files.size());
            for (LocalFile f : files) {
                stored.add(new UploadManifest.Entry(f.key(), f.size(), f.mtimeNanos(),
                        sums.md5(f.path(), f.size(), f.mtimeNanos())));
            }
            manifest.write(stored);
        } finally {
            pool.shutdownNow();
            sums.save();
        }
        return new Result(files.size(), bytes, sent.get(), sentBytes.get());
    }

    static List<LocalFile> scan(Path src, boolean onlySource, String prefix) {
        String base = prefix.isEmpty() ? "" : prefix + "/";
        List<LocalFile> out = new ArrayList<>();
        if (Files.isRegularFile(src)) {
            ManifestEntry e = TreeScanner.scanFile(src, src.getFileName().toString()).values().iterator().next();
            out.add(new LocalFile(src, base + e.path(), e.size(), e.mtimeNanos()));
            return out;
        }
        if (!onlySource) {
            base = base + src.getFileName() + "/";
        }
        for (ManifestEntry e : new TreeScanner(IgnoreFiles.detect(src)).scanDirectory(src).values()) {
            if (e.type() == ManifestEntry.Type.FILE) {
                out.add(new LocalFile(src.resolve(e.path()), base + e.path(), e.size(), e.mtimeNanos()));
            }
        }
        return out;
    }
}
