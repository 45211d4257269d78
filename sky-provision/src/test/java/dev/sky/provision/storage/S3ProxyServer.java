package dev.sky.provision.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * s3proxy, a real S3 API server, run OUT OF PROCESS with its own classpath (its Jetty and Guice must stay off sky's)
 * on 127.0.0.1 with a filesystem backend under a temp folder and fixed test credentials. {@link #close()} kills it.
 * The classpath comes from {@code sky-testing/s3proxy/target/s3proxy.classpath} (built by that module), found by
 * walking up from the working folder, or from the system property {@code sky.s3proxy.classpath}.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "sky-test-access";
    public static final String SECRET_KEY = "sky-test-secret-0123456789";
    public static final String REGION = "us-east-1";

    private final Process process;
    private final Path dataDir;
    private final int port;
    private final Thread shutdownHook;

    private S3ProxyServer(Process process, Path dataDir, int port) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
        this.shutdownHook = new Thread(process::destroyForcibly, "s3proxy-kill");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * A second key pair over the same buckets, kept out of the buckets matching {@code deniedGlobs}.
     *
     * <p>How s3proxy 2.6 decides (GlobBlobStoreLocator, checked with rclone): a bucket matching a configuration's
     * {@code s3proxy.bucket-locator} glob belongs to that configuration's identity ALONE, so any other key gets 403
     * there; a bucket matching no glob is served to every identity. So the denied globs go to the main identity,
     * which keeps every bucket, and the second identity reaches only the buckets no glob names. Listing buckets is
     * not filtered: the second identity still sees every bucket's name.
     */
    public record SecondIdentity(String accessKey, String secretKey, List<String> deniedGlobs) {}

    /** Starts s3proxy with its data under {@code workDir} and waits until it answers HTTP. */
    public static S3ProxyServer start(Path workDir) {
        return start(workDir, null);
    }

    /** The same, also accepting {@code second} (null: one identity). */
    public static S3ProxyServer start(Path workDir, SecondIdentity second) {
        try {
            Path data = Files.createDirectories(workDir.resolve("s3proxy-data"));
            int port = freePort();
            // Every s3proxy.* key but the identity must be the same in each configuration, or s3proxy exits.
            List<String> common = List.of("s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4", "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + data, "jclouds.regions=" + REGION);
            List<String> main = new ArrayList<>(common);
            main.addAll(List.of("s3proxy.identity=" + ACCESS_KEY, "s3proxy.credential=" + SECRET_KEY));
            List<String> args = new ArrayList<>();
            if (second != null) {
                for (int i = 0; i < second.deniedGlobs().size(); i++) {
                    main.add("s3proxy.bucket-locator." + (i + 1) + "=" + second.deniedGlobs().get(i));
                }
                List<String> other = new ArrayList<>(common);
                other.addAll(List.of("s3proxy.identity=" + second.accessKey(),
                        "s3proxy.credential=" + second.secretKey()));
                args.addAll(List.of("--properties", write(workDir.resolve("s3proxy-second.properties"), other)));
            }
            args.addAll(0, List.of("--properties", write(workDir.resolve("s3proxy.properties"), main)));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                    classpath(), "org.gaul.s3proxy.Main"));
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("s3proxy.log").toFile());
            S3ProxyServer server = new S3ProxyServer(pb.start(), data, port);
            server.awaitReady(workDir.resolve("s3proxy.log"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file.toString();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The filesystem backend's folder: one sub-folder per bucket. */
    public Path dataDir() {
        return dataDir;
    }

    public long pid() {
        return process.pid();
    }

    private void awaitReady(Path log) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited with " + process.exitValue() + "; log: " + tail(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                c.getResponseCode(); // any HTTP answer (403 without a signature) means it serves
                c.disconnect();
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    close();
                    throw new IllegalStateException("interrupted while starting s3proxy");
                }
            }
        }
        close();
        throw new IllegalStateException("s3proxy did not answer within 60 s; log: " + tail(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs anyway.
        }
    }

    /** The path of s3proxy's runtime classpath file, or a clear error naming the module to build. */
    static String classpath() throws IOException {
        String prop = System.getProperty("sky.s3proxy.classpath");
        Path file = prop != null ? Path.of(prop) : null;
        for (Path d = Path.of("").toAbsolutePath(); file == null && d != null; d = d.getParent()) {
            Path candidate = d.resolve("sky-testing/s3proxy/target/s3proxy.classpath");
            if (Files.isRegularFile(candidate)) {
                file = candidate;
            }
        }
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalStateException("s3proxy's classpath file is missing; build it with"
                    + " `mvn -o install -pl sky-testing/s3proxy`");
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
