package dev.sky.clouds.aws.provision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * RunInstances ClientTokens. A token is a hash of the user, cluster, region, zone, instance type, market, rank and
 * the cluster's launch generation: a create sent again after its answer was lost (in this process, or by the next
 * {@code sky launch} after a crash) carries the same token, and EC2 returns the instances it already made instead of
 * making more. The generation (random, in {@code SKY_HOME/aws/launches/<cluster>}) is dropped by terminate, so that
 * launching the same name again later makes new instances rather than getting the terminated ones back.
 */
final class LaunchTokens {
    private final Path dir;

    LaunchTokens(Path skyHome) {
        this.dir = skyHome.resolve("aws").resolve("launches");
    }

    String token(String userId, String cluster, String region, String zone, String instanceType, boolean spot,
                 int rank) {
        String material = String.join("\n", userId, cluster, region, zone == null ? "-" : zone, instanceType,
                spot ? "spot" : "on-demand", Integer.toString(rank), generation(cluster));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return "sky-" + HexFormat.of().formatHex(d).substring(0, 48);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Forgets the cluster's generation: its next launch is a new one. */
    void forget(String cluster) {
        try {
            Files.deleteIfExists(dir.resolve(cluster));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir.resolve(cluster) + ": " + e.getMessage(), e);
        }
    }

    private String generation(String cluster) {
        Path file = dir.resolve(cluster);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(dir);
            byte[] b = new byte[8];
            new SecureRandom().nextBytes(b);
            String gen = HexFormat.of().formatHex(b);
            try {
                Files.writeString(Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------"))), gen, StandardCharsets.UTF_8);
                return gen;
            } catch (FileAlreadyExistsException raced) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the launch generation in " + file + ": " + e.getMessage(), e);
        }
    }
}
