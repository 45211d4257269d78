package dev.sky.provision.throttle;

import dev.sky.core.state.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A limiter's state in one small file (0600, in a 0700 folder), so that every sky process on the machine shares one
 * rate per cloud and region. An update holds the OS file lock ({@code FileChannel.lock}) only to read the line, apply
 * the change and write it back; the waits the change computes happen after the lock is released. The OS frees the
 * lock when a holder dies, and a dead process's permits simply refill, so a crash never wedges the others. Threads of
 * one JVM take a per-file monitor first, as the OS lock is held per process. When the file cannot be used (a
 * read-only SKY_HOME), the process keeps its state in memory and paces itself alone.
 */
final class SharedLimiterFile implements LimiterStore {
    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();
    private static final int MAX_LINE = 512;

    private final Path file;
    private final Object monitor;
    private final LimiterStore fallback = new LimiterStore.InMemory();
    private boolean prepared;
    private boolean broken;

    SharedLimiterFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.monitor = MONITORS.computeIfAbsent(this.file, k -> new Object());
    }

    Path file() {
        return file;
    }

    @Override
    public <T> T update(Supplier<LimiterState> fresh, Function<LimiterState, T> change) {
        synchronized (monitor) {
            if (!broken) {
                try {
                    try {
                        return updateFile(fresh, change);
                    } catch (java.nio.file.NoSuchFileException gone) {
                        prepared = false; // someone removed the folder: make it again, once
                        return updateFile(fresh, change);
                    }
                } catch (IOException e) {
                    broken = true; // the file system refused once: pace this process alone from now on
                }
            }
        }
        return fallback.update(fresh, change);
    }

    private <T> T updateFile(Supplier<LimiterState> fresh, Function<LimiterState, T> change) throws IOException {
        if (!prepared) {
            OwnerOnlyFiles.directory(file.getParent());
            OwnerOnlyFiles.file(file);
            prepared = true;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            ByteBuffer in = ByteBuffer.allocate(MAX_LINE);
            while (in.hasRemaining() && ch.read(in, in.position()) > 0) {
                // read the whole (short) file
            }
            String line = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
            LimiterState state = LimiterState.parse(line);
            if (state == null) {
                state = fresh.get();
            }
            T out = change.apply(state);
            byte[] bytes = state.toLine().getBytes(StandardCharsets.UTF_8);
            ch.write(ByteBuffer.wrap(bytes), 0);
            ch.truncate(bytes.length);
            return out;
        }
    }
}
