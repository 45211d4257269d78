package dev.sky.clouds.local.provision;

import dev.sky.provision.spi.NodeInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/** Logs in to a local node the way sky does (sshj, pinned host key, the sky key) to run a command in a test. */
final class NodeSsh {
    private NodeSsh() {}

    record Result(int exitCode, String stdout, String stderr) {}

    static Result exec(NodeInfo node, Path privateKey, String command) throws IOException {
        return exec(node, privateKey, command, Map.of());
    }

    /** Runs {@code command} with the given SSH env requests (which the node should mostly ignore). */
    static Result exec(NodeInfo node, Path privateKey, String command, Map<String, String> envRequests)
            throws IOException {
        try (SSHClient ssh = connect(node, privateKey); Session session = ssh.startSession()) {
            for (Map.Entry<String, String> e : envRequests.entrySet()) {
                session.setEnvVar(e.getKey(), e.getValue());
            }
            Session.Command cmd = session.exec(command);
            String out = readAll(cmd.getInputStream());
            String err = readAll(cmd.getErrorStream());
            cmd.join(60, TimeUnit.SECONDS);
            Integer status = cmd.getExitStatus();
            return new Result(status == null ? -1 : status, out, err);
        }
    }

    static SSHClient connect(NodeInfo node, Path privateKey) throws IOException {
        PublicKey pinned = parse(node.hostPublicKey());
        SSHClient ssh = new SSHClient();
        ssh.addHostKeyVerifier(new net.schmizz.sshj.transport.verification.HostKeyVerifier() {
            @Override
            public boolean verify(String host, int port, PublicKey key) {
                return KeyUtils.compareKeys(pinned, key);
            }

            @Override
            public List<String> findExistingAlgorithms(String host, int port) {
                return List.of();
            }
        });
        ssh.setConnectTimeout(10_000);
        ssh.connect(node.externalAddress(), node.sshPort());
        try {
            ssh.authPublickey(node.sshUser(), ssh.loadKeys(privateKey.toString()));
        } catch (IOException e) {
            ssh.close();
            throw e;
        }
        return ssh;
    }

    static PublicKey parse(String openSshLine) {
        try {
            return PublicKeyEntry.parsePublicKeyEntry(openSshLine).resolvePublicKey(null, Map.of(),
                    PublicKeyEntryResolver.FAILING);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an OpenSSH public key: " + openSshLine, e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
    }
}
