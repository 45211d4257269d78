package dev.sky.clouds.aws.provision;

import dev.sky.clouds.aws.client.AwsClients;
import dev.sky.clouds.aws.emulator.Ec2Emulator;
import dev.sky.core.SkyPaths;
import dev.sky.provision.access.SshKeyPair;
import dev.sky.provision.spi.NodeInfo;
import dev.sky.provision.spi.PortRange;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.spi.ProvisionerContext;
import dev.sky.provision.throttle.Pacer;
import dev.sky.provision.throttle.RateLimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;

/** Shared pieces of the AWS tests: a provisioner aimed at an emulator, requests, keys, and SSH into a node. */
final class AwsTestSupport {
    static final String REGION = "us-east-1";
    static final String ZONE = "us-east-1a";
    static final String TYPE = "m6i.large";

    private AwsTestSupport() {}

    /** A pacer that does not wait: it records each wait and moves its clock by it. */
    static final class RecordingPacer implements Pacer {
        final List<Duration> sleeps = new ArrayList<>();
        long now;

        @Override
        public synchronized long nanoTime() {
            return now;
        }

        @Override
        public synchronized void sleep(Duration d) {
            sleeps.add(d);
            now += d.toNanos();
        }

        synchronized List<Duration> sleeps() {
            return List.copyOf(sleeps);
        }
    }

    static ProvisionerContext context(Path skyHome, Ec2Emulator emulator) {
        return context(skyHome, emulator.env());
    }

    static ProvisionerContext context(Path skyHome, Map<String, String> env) {
        Map<String, String> e = new HashMap<>(env);
        e.put("HOME", skyHome.getParent().toString());
        return new ProvisionerContext(new SkyPaths(skyHome, skyHome.getParent()), e);
    }

    /** The real provisioner (real SDK, the system pacer and shared rate limiter). */
    static AwsProvisioner provisioner(ProvisionerContext ctx) {
        return AwsProvisioner.create(ctx);
    }

    /** A provisioner whose waits and rate limiting go through {@code pacer} (nothing really sleeps). */
    static AwsProvisioner provisioner(ProvisionerContext ctx, Pacer pacer, RateLimiter limiter) {
        return new AwsProvisioner(ctx, pacer, region -> new Ec2Calls(region,
                AwsClients.ec2(ctx.env(), ctx.paths().userHome(), region), limiter, pacer));
    }

    static SshKeyPair key(Path dir, String name) {
        return SshKeyPair.ensure(dir.resolve(name), "sky-test-" + name);
    }

    static ProvisionRequest request(String cluster, int nodes, SshKeyPair skyKey, SshKeyPair clusterKey) {
        return new ProvisionRequest(cluster, nodes, "aws", REGION, ZONE, TYPE, false, null, 0, List.<PortRange>of(),
                skyKey.publicKeyLine(), clusterKey.publicKeyLine(), Map.of());
    }

    record SshResult(int exitCode, String stdout, String stderr) {}

    /** Runs a command on a node over SSH as sky would (the node's host key is not pinned here: loopback only). */
    static SshResult ssh(NodeInfo node, Path privateKey, String command) {
        try (SSHClient ssh = new SSHClient()) {
            ssh.addHostKeyVerifier(new PromiscuousVerifier());
            ssh.setConnectTimeout(10_000);
            ssh.connect(node.externalAddress(), node.sshPort());
            ssh.authPublickey(node.sshUser(), ssh.loadKeys(privateKey.toString()));
            try (Session session = ssh.startSession()) {
                Session.Command cmd = session.exec(command);
                String out = read(cmd.getInputStream().readAllBytes());
                String err = read(cmd.getErrorStream().readAllBytes());
                cmd.join(60, TimeUnit.SECONDS);
                Integer status = cmd.getExitStatus();
                return new SshResult(status == null ? -1 : status, out, err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ssh to " + node.externalAddress() + ":" + node.sshPort() + " failed", e);
        }
    }

    private static String read(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
