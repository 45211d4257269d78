package dev.sky.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What a storage test reads on a local-cloud node, and rclone run with a node's own config. */
final class NodeFiles {
    private NodeFiles() {}

    /** Every regular file under {@code root}, not descending into the FUSE mounts in {@code skip}. */
    static List<Path> outsideMounts(Path root, Set<Path> skip) throws IOException {
        List<Path> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                return skip.contains(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                if (a.isRegularFile()) {
                    out.add(f);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    /** {exit code, output} of rclone with only {@code conf}'s remote: no AWS variable, as on a node. */
    static String[] rclone(Path conf, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("rclone", "--config", conf.toString(), "--retries", "1",
                "--low-level-retries", "1"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String[] {Integer.toString(p.exitValue()), out};
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A node file's content, stripped, or "" while it does not exist. */
    static String readOrEmpty(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
