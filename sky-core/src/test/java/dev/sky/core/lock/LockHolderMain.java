package dev.sky.core.lock;

import java.nio.file.Path;
import java.time.Duration;

/** A child process for lock tests: takes the lock, says so on stdout, and holds it until killed. */
public final class LockHolderMain {
    public static void main(String[] args) throws Exception {
        try (ClusterLock l = ClusterLock.acquire(Path.of(args[0]), args[1], "test-holder", Duration.ofSeconds(30),
                null)) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
