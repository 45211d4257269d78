package dev.sky.clouds.aws.provision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * This user's sky id: 8 random hex digits made once and kept in {@code SKY_HOME/user_id}. It tags everything sky
 * creates, so that two users of one AWS account (or one user's two SKY_HOMEs) never see or delete each other's
 * clusters, and so that {@code sky gc} lists only what is this user's.
 */
public final class SkyUserId {
    private static final Pattern VALID = Pattern.compile("[0-9a-f]{8}");

    private SkyUserId() {}

    public static String of(Path skyHome) {
        Path file = skyHome.resolve("user_id");
        try {
            if (Files.isRegularFile(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (VALID.matcher(id).matches()) {
                    return id;
                }
            }
            Files.createDirectories(skyHome);
            byte[] b = new byte[4];
            new SecureRandom().nextBytes(b);
            String id = HexFormat.of().formatHex(b);
            Path tmp = Files.createTempFile(skyHome, ".user_id", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
            try {
                // Link-then-delete: of two first runs at once, exactly one id wins and both read it.
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException lost) {
                // another process made it first
            } catch (UnsupportedOperationException | IOException noLinks) {
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }
}
