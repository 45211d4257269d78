package dev.sky.cli.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged distribution ({@code sky-cli/target/sky/bin/sky}) as a child process with a temp SKY_HOME and
 * HOME, metadata servers disabled, and nothing inherited but PATH, JAVA_HOME and LANG. For black-box tests ({@code *IT}).
 *
 * <pre>{@code
 * SkyProcess sky = new SkyProcess(tempDir);
 * sky.run("launch", "--dryrun", "task.yaml").check().succeeded().outContains("Considered resources");
 * }</pre>
 */
public final class SkyProcess {
    /** A run that takes longer than this is a hang, not a slow machine. */
    private static final long HANG_MINUTES = 5;

    private final Path launcher;
    private final Path skyHome;
    private final Path home;
    private final Map<String, String> env = new HashMap<>();
    private Path workDir;

    /** Uses {@code dir/sky-home} and {@code dir/home} (created) as SKY_HOME and HOME. */
    public SkyProcess(Path dir) {
        this(distribution().resolve("bin").resolve("sky"), dir.resolve("sky-home"), dir.resolve("home"));
    }

    public SkyProcess(Path launcher, Path skyHome, Path home) {
        this.launcher = launcher;
        this.skyHome = skyHome;
        this.home = home;
        this.workDir = home;
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String keep : List.of("PATH", "JAVA_HOME", "LANG", "TMPDIR")) {
            String v = System.getenv(keep);
            if (v != null) {
                env.put(keep, v);
            }
        }
        env.put("SKY_HOME", skyHome.toString());
        env.put("HOME", home.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("NO_GCE_CHECK", "true");
    }

    /** The distribution folder: system property {@code sky.dist} (set by failsafe), else target/sky. */
    public static Path distribution() {
        String p = System.getProperty("sky.dist");
        return (p != null ? Path.of(p) : Path.of("target", "sky")).toAbsolutePath();
    }

    public Path skyHome() {
        return skyHome;
    }

    public Path home() {
        return home;
    }

    public SkyProcess env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public SkyProcess workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    public CommandResult run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            // Own threads, not the common pool: both pipes must drain at once or a chatty child blocks.
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (!p.waitFor(HANG_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("sky " + String.join(" ", args) + " did not finish");
            }
            return new CommandResult(List.of(args), p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(read(in));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        }, "sky-process-drain");
        t.setDaemon(true);
        t.start();
        return f;
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
