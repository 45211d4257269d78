package dev.sky.clouds.ssh.provision;

import dev.sky.clouds.ssh.pools.PoolHost;
import dev.sky.provision.ssh.HostKeyPin;
import dev.sky.provision.ssh.NodeRunner;
import dev.sky.provision.ssh.SshOptions;
import dev.sky.provision.ssh.SshTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** Runs work on several pool hosts at once, each over its own connection with its pinned key. */
final class HostSessions {
    private HostSessions() {}

    /** A connection to {@code h} with the user's identity file and the host key recorded at {@code sky ssh up}. */
    static NodeRunner open(PoolHost h, String hostKey, Duration timeout, int attempts) {
        if (h.identityFile() == null) {
            throw new IllegalStateException("no identity file for " + h.display());
        }
        SshTarget t = new SshTarget(h.address(), h.port(), h.user(), Path.of(h.identityFile()),
                new HostKeyPin.PublicKey(hostKey));
        return new NodeRunner(t, SshOptions.defaults().withConnectTimeout(timeout).withConnectAttempts(attempts)
                .withRetryBackoff(Duration.ofMillis(500)));
    }

    /** Applies {@code work} to every item in parallel and returns the results in order. */
    static <T, R> List<R> each(List<T> items, Function<T, R> work) {
        if (items.size() <= 1) {
            List<R> out = new ArrayList<>();
            items.forEach(i -> out.add(work.apply(i)));
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, items.size()), r -> {
            Thread t = new Thread(r, "ssh-pool");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<R>> fs = new ArrayList<>();
            for (T i : items) {
                fs.add(CompletableFuture.supplyAsync(() -> work.apply(i), pool));
            }
            return fs.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }
}
