package dev.sky.provision.storage;

import dev.sky.core.SkyPaths;
import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.RemoteObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * COPY mode, first half: mirrors a bucket path into a cache folder under SKY_HOME, downloading only objects whose
 * size or MD5 changed (the nodes then get it by the incremental tree sync). No credential ever reaches a node.
 */
final class BucketCopier {
    private final SkyPaths paths;

    BucketCopier(SkyPaths paths) {
        this.paths = paths;
    }

    Path mirror(MountPlan plan, ObjectStore store) {
        Path dir = paths.home().resolve("storage").resolve("copies").resolve(plan.storeType() + "-" + plan.bucket()
                + "-" + Integer.toHexString(plan.prefix().hashCode()));
        LocalChecksums sums = LocalChecksums.load(dir.resolveSibling(dir.getFileName() + ".md5"));
        Map<String, RemoteObject> remote = store.list(plan.bucket(), plan.prefix());
        String strip = plan.prefix().isEmpty() ? "" : plan.prefix() + "/";
        Set<Path> wanted = new HashSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(BucketUploader.PARALLELISM);
        try {
            Files.createDirectories(dir);
            List<Future<?>> work = new ArrayList<>();
            for (RemoteObject o : remote.values()) {
                String rel = o.key().substring(strip.length());
                Path target = dir.resolve(rel).normalize();
                if (rel.isEmpty() || !target.startsWith(dir)) {
                    continue; // a key like "../x" must not escape the copy
                }
                wanted.add(target);
                work.add(pool.submit(() -> {
                    if (Files.isRegularFile(target)) {
                        BasicFileAttributes a = Files.readAttributes(target, BasicFileAttributes.class);
                        if (a.size() == o.size() && (o.md5Hex() == null || o.md5Hex().equals(sums.md5(target,
                                a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS))))) {
                            return null;
                        }
                    }
                    store.download(plan.bucket(), o.key(), target);
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    if (!wanted.contains(p)) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.sky.core.SkyException(dev.sky.core.ExitCode.GENERIC, "Interrupted while copying "
                    + plan.uri());
        } finally {
            pool.shutdownNow();
            sums.save();
        }
        return dir;
    }
}
