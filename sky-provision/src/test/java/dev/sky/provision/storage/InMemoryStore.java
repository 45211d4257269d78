package dev.sky.provision.storage;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.RcloneRemote;
import dev.sky.provision.storage.spi.RemoteObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An object store held in memory, for the uploader's decisions (which requests it makes); the wire protocols are
 * tested against s3proxy, the GCS emulator and Azurite in the clouds' modules and StorageIT. Counts listings and PUTs,
 * and refuses PUTs of the keys in {@link #failing}.
 */
final class InMemoryStore implements ObjectStore {
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    final AtomicInteger lists = new AtomicInteger();
    final AtomicInteger puts = new AtomicInteger();
    final Set<String> failing = ConcurrentHashMap.newKeySet();

    @Override
    public boolean bucketExists(String bucket) {
        return true;
    }

    @Override
    public void createBucket(String bucket, String region) {}

    @Override
    public void deleteBucket(String bucket) {
        objects.clear();
    }

    @Override
    public Map<String, RemoteObject> list(String bucket, String prefix) {
        lists.incrementAndGet();
        Map<String, RemoteObject> out = new TreeMap<>();
        objects.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, new RemoteObject(k, v.length, md5(v)));
            }
        });
        return out;
    }

    @Override
    public void upload(String bucket, String key, Path file) {
        if (failing.contains(key)) {
            throw new SkyException(ExitCode.GENERIC, "refused " + key);
        }
        try {
            objects.put(key, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        puts.incrementAndGet();
    }

    @Override
    public void download(String bucket, String key, Path target) {
        throw new SkyException(ExitCode.GENERIC, "the in-memory store serves no downloads");
    }

    @Override
    public void deleteObject(String bucket, String key) {
        objects.remove(key);
    }

    @Override
    public String endpoint() {
        return "mem://local";
    }

    @Override
    public RcloneRemote rcloneRemote(String bucket) {
        return new RcloneRemote("memory", Map.of());
    }

    @Override
    public void close() {}

    private static String md5(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
