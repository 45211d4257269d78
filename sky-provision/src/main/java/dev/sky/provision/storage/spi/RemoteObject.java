package dev.sky.provision.storage.spi;

/** One object in a bucket. {@code md5Hex} may be null when the store has none (e.g. multipart uploads). */
public record RemoteObject(String key, long size, String md5Hex) {}
