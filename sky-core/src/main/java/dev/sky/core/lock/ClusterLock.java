package dev.sky.core.lock;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.TimeScale;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * A per-cluster OS file lock ({@code FileChannel.lock}), so that commands on one cluster serialize across processes.
 * The OS frees it when the holder dies, however it dies. The lock file names the holder (pid and operation) for the
 * message a waiter prints.
 */
public final class ClusterLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ClusterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock for {@code cluster}, waiting at most {@code timeout} (scaled by nothing: the user waits for a real
     * operation). Prints one line to {@code onWait} the first time it has to wait.
     */
    public static ClusterLock acquire(Path locksDir, String cluster, String operation, Duration timeout,
                                      java.util.function.Consumer<String> onWait) {
        try {
            Files.createDirectories(locksDir);
            restrict(locksDir, "rwx------");
            Path file = locksDir.resolve(cluster + ".lock");
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            restrict(file, "rw-------");
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            long backoff = 20;
            boolean told = false;
            while (true) {
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null; // held by this JVM (another thread)
                }
                if (l != null) {
                    String info = ProcessHandle.current().pid() + " " + operation + "\n";
                    ch.truncate(0);
                    ch.write(ByteBuffer.wrap(info.getBytes(StandardCharsets.UTF_8)), 0);
                    LockWaits.report(cluster, operation, start, true);
                    return new ClusterLock(ch, l);
                }
                if (!told && onWait != null) {
                    onWait.accept("Cluster '" + cluster + "' is locked by " + holder(file) + "; waiting...");
                    told = true;
                }
                if (System.nanoTime() > deadline) {
                    ch.close();
                    if (!timeout.isZero()) {
                        LockWaits.report(cluster, operation, start, false);
                    }
                    throw new SkyException(ExitCode.GENERIC, "Cluster '" + cluster + "' is still locked by "
                            + holder(file) + " after " + timeout.toSeconds() + " s; try again later.");
                }
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, TimeScale.millis(1000));
            }
        } catch (IOException e) {
            throw new SkyException(ExitCode.GENERIC, "Cannot lock cluster '" + cluster + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SkyException(ExitCode.GENERIC, "Interrupted while waiting for the lock of '" + cluster + "'");
        }
    }

    private static String holder(Path file) {
        try {
            String s = Files.readString(file).trim();
            if (s.isEmpty()) {
                return "another sky command";
            }
            String[] p = s.split(" ", 2);
            return "'sky " + (p.length > 1 ? p[1] : "?") + "' (pid " + p[0] + ")";
        } catch (IOException e) {
            return "another sky command";
        }
    }

    private static void restrict(Path p, String perms) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not a POSIX file system: nothing to tighten.
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // The OS releases it with the channel anyway.
        }
    }
}
