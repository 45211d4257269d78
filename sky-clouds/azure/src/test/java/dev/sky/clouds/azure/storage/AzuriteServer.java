package dev.sky.clouds.azure.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Azurite's blob service (the real emulator, from npm), run out of process on 127.0.0.1 with its own data folder.
 * The binary is {@code $SKY_AZURITE_HOME/node_modules/.bin/azurite-blob} (or the {@code sky.azurite.home} property),
 * default {@code ~/.cache/sky-ci/azurite}, where .ci/run installs it. Outside CI a missing install skips the test;
 * in CI ({@code CI=true}) it fails.
 */
public final class AzuriteServer implements AutoCloseable {
    /** Azurite's well-known development account and key (public, documented by Microsoft). */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    static final String INSTALL = "npm install --no-audit --no-fund --prefix ~/.cache/sky-ci/azurite azurite@3.35.0";

    private final Process process;
    private final int port;

    private AzuriteServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The blob service for {@link #ACCOUNT}: {@code http://127.0.0.1:<port>/devstoreaccount1}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";BlobEndpoint="
                + endpoint() + ";";
    }

    public static Path binary() {
        String home = System.getenv("SKY_AZURITE_HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("sky.azurite.home",
                    System.getProperty("user.home") + "/.cache/sky-ci/azurite");
        }
        return Path.of(home, "node_modules", ".bin", "azurite-blob");
    }

    /** Starts Azurite, or skips the calling test (outside CI) when it is not installed. */
    public static AzuriteServer start(Path dataDir) throws IOException, InterruptedException {
        Path bin = binary();
        if (!Files.isExecutable(bin)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("Azurite is not installed at " + bin + " (.ci/run installs it)");
            }
            assumeTrue(false, "needs Azurite: " + INSTALL);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dataDir);
        Process p = new ProcessBuilder(List.of(bin.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                Integer.toString(port), "--location", dataDir.toString(), "--silent", "--skipApiVersionCheck",
                "--disableProductStyleUrl"))
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("azurite.log").toFile())
                .start();
        AzuriteServer server = new AzuriteServer(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!server.listening()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException("Azurite did not start; see " + dataDir.resolve("azurite.log"));
            }
            Thread.sleep(50);
        }
        return server;
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
