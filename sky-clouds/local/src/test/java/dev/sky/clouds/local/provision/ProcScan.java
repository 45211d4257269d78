package dev.sky.clouds.local.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The tests' own look at /proc, independent of the product's process finder: pids whose environment has an entry. */
final class ProcScan {
    private ProcScan() {}

    static boolean available() {
        return Files.isDirectory(Path.of("/proc/self"));
    }

    static List<Long> withEnv(String entry) {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"),
                p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path dir : dirs) {
                try {
                    String env = new String(Files.readAllBytes(dir.resolve("environ")), StandardCharsets.UTF_8);
                    if (Arrays.asList(env.split("\0")).contains(entry)) {
                        out.add(Long.parseLong(dir.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // exited meanwhile, or not ours
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
