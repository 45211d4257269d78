package dev.sky.clouds.ssh.probe;

import dev.sky.clouds.ssh.pools.PoolHost;
import dev.sky.provision.ssh.SshAlgorithms;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * Logs in to one host as the pool says and reads its {@link HostFacts}, with one SSH command. This is where a host's
 * key is first seen: running {@code sky ssh up} is the user's decision to trust the hosts of the pool, so whatever
 * key the host presents is returned to be recorded (and later pinned).
 */
public final class HostProbe {
    /**
     * The outcome for one host: facts and host key, or a one-line problem (facts may still be there).
     * {@code needsBouncyCastle} says that it failed only because the JDK's own crypto lacks what the host asks for.
     */
    public record Result(PoolHost host, HostFacts facts, String hostKey, String problem, boolean needsBouncyCastle) {
        Result(PoolHost host, HostFacts facts, String hostKey, String problem) {
            this(host, facts, hostKey, problem, false);
        }

        public boolean ok() {
            return problem == null;
        }
    }

    private static final class SharedConfig {
        static final Config INSTANCE = SshAlgorithms.config();
    }

    private static final class JdkConfig {
        static final Config INSTANCE = JdkCrypto.config();
    }

    private final Duration timeout;
    private final double minDiskGb;

    /**
     * @param timeout the connect timeout, and the limit for the probe command
     * @param minDiskGb free space the login user's home must have
     */
    public HostProbe(Duration timeout, double minDiskGb) {
        this.timeout = timeout;
        this.minDiskGb = minDiskGb;
    }

    /**
     * Probes on the JDK's own crypto from now on, falling back to BouncyCastle for hosts that need it (see
     * {@link JdkCrypto}). Only for a process that does nothing with SSH but probe, before its first probe.
     */
    public static void preferJdkCrypto() {
        JdkCrypto.start();
    }

    public Result probe(PoolHost h) {
        if (h.identityFile() == null) {
            return new Result(h, null, null, "no identity_file in the pool and no ~/.ssh/id_ed25519, id_ecdsa or "
                    + "id_rsa");
        }
        if (!Files.isReadable(Path.of(h.identityFile()))) {
            return new Result(h, null, null, "cannot read the identity file " + h.identityFile());
        }
        AtomicReference<PublicKey> presented = new AtomicReference<>();
        boolean jdkOnly = JdkCrypto.active();
        SSHClient c = new SSHClient(jdkOnly ? JdkConfig.INSTANCE : SharedConfig.INSTANCE);
        try {
            c.addHostKeyVerifier(new HostKeyVerifier() {
                @Override
                public boolean verify(String hostname, int port, PublicKey key) {
                    presented.set(key);
                    return true;
                }

                @Override
                public List<String> findExistingAlgorithms(String hostname, int port) {
                    return List.of();
                }
            });
            c.setConnectTimeout((int) timeout.toMillis());
            c.setTimeout((int) timeout.toMillis());
            c.connect(h.address(), h.port());
            KeyProvider key;
            try {
                key = c.loadKeys(h.identityFile());
                key.getPublic();
            } catch (IOException | RuntimeException e) {
                if (jdkOnly && JdkCrypto.missingAlgorithm(e)) {
                    return new Result(h, null, null, "the identity file needs BouncyCastle", true);
                }
                return new Result(h, null, null, "cannot use the identity file " + h.identityFile()
                        + " (encrypted keys and passwords are not supported)");
            }
            c.authPublickey(h.user(), key);
            String out = run(c);
            HostFacts facts;
            try {
                facts = HostFacts.parse(out);
            } catch (IllegalArgumentException e) {
                return new Result(h, null, openSsh(presented.get()), e.getMessage());
            }
            return new Result(h, facts, openSsh(presented.get()), problem(facts));
        } catch (UserAuthException e) {
            return new Result(h, null, null, "key refused: the host does not accept " + h.identityFile()
                    + " for user " + h.user());
        } catch (UnknownHostException e) {
            return new Result(h, null, null, "unreachable: unknown host " + h.address());
        } catch (ConnectException e) {
            return new Result(h, null, null, "unreachable: connection refused on port " + h.port());
        } catch (SocketTimeoutException | NoRouteToHostException e) {
            return new Result(h, null, null, "unreachable: no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            if (jdkOnly && JdkCrypto.missingAlgorithm(e)) {
                return new Result(h, null, null, "the host needs algorithms of BouncyCastle", true);
            }
            return new Result(h, null, null, "unreachable: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        } finally {
            try {
                c.disconnect();
            } catch (IOException | RuntimeException ignored) {
                // Closing after a failure; the result says what went wrong.
            }
        }
    }

    private String problem(HostFacts f) {
        if (!f.hasBash()) {
            return "no bash: install bash on the host (task scripts run with bash)";
        }
        if (f.diskFreeGb() >= 0 && f.diskFreeGb() < minDiskGb) {
            return "not enough disk: " + HostFacts.num(f.diskFreeGb()) + " GB free in the home folder, "
                    + HostFacts.num(minDiskGb) + " GB needed";
        }
        return null;
    }

    private String run(SSHClient c) throws IOException {
        try (Session s = c.startSession()) {
            Session.Command cmd = s.exec("sh -s");
            cmd.getOutputStream().write(HostFacts.SCRIPT.getBytes(StandardCharsets.UTF_8));
            cmd.getOutputStream().close();
            String out = readAll(cmd.getInputStream());
            cmd.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return out;
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
    }

    /** {@code ssh-ed25519 AAAA...}, as in a known_hosts file. */
    static String openSsh(PublicKey key) {
        if (key == null) {
            return null;
        }
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        return KeyType.fromKey(key) + " " + Base64.getEncoder().encodeToString(blob);
    }
}
