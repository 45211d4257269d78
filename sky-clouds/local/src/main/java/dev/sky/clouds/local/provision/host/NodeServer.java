package dev.sky.clouds.local.provision.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.file.nativefs.NativeFileSystemFactory;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;

/**
 * One local node's SSH server: public-key login only (the keys in the node's {@code authorized_keys}, for the node's
 * user), exec and shell as node processes, SFTP, and the node's own host key.
 */
final class NodeServer {
    private final NodeContext node;
    private final String address;
    private final int port;
    private final Path hostKey;
    private final Path authorizedKeys;
    private final SessionActivity activity;
    private SshServer sshd;

    NodeServer(NodeContext node, String address, int port, Path hostKey, Path authorizedKeys, Path activityFile) {
        this.node = node;
        this.address = address;
        this.port = port;
        this.hostKey = hostKey;
        this.authorizedKeys = authorizedKeys;
        this.activity = new SessionActivity(activityFile);
    }

    void start() throws IOException {
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost(address);
        s.setPort(port);
        s.setKeyPairProvider(new FileKeyPairProvider(hostKey));
        s.setPublickeyAuthenticator((user, key, session) -> node.user().equals(user) && isAuthorized(key, session));
        s.setPasswordAuthenticator(null);
        s.setKeyboardInteractiveAuthenticator(null);
        s.setGSSAuthenticator(null);
        s.setHostBasedAuthenticator(null);
        s.setCommandFactory((channel, command) -> new NodeProcessCommand(node, command));
        s.setShellFactory(channel -> new NodeProcessCommand(node, null));
        s.setFileSystemFactory(NativeFileSystemFactory.INSTANCE);
        s.setSubsystemFactories(List.of(new NodeSftpSubsystemFactory(node.home())));
        // Like OpenSSH: a quiet `sky logs --follow` must not be cut off.
        CoreModuleProperties.IDLE_TIMEOUT.set(s, Duration.ZERO);
        CoreModuleProperties.NIO2_READ_TIMEOUT.set(s, Duration.ZERO);
        s.addChannelListener(activity);
        s.start();
        sshd = s;
    }

    /** Closes the listener and every session at once. */
    void stop() {
        SshServer s = sshd;
        if (s != null) {
            try {
                s.stop(true);
            } catch (IOException e) {
                // Closing anyway; the port is released with the process at the latest.
            }
        }
    }

    SessionActivity activity() {
        return activity;
    }

    /** Read at each login, so that keys written by a later create apply without a restart. */
    private boolean isAuthorized(PublicKey offered, SessionContext session) {
        try {
            if (!Files.exists(authorizedKeys)) {
                return false;
            }
            List<AuthorizedKeyEntry> entries = AuthorizedKeyEntry.readAuthorizedKeys(authorizedKeys);
            for (PublicKey k : AuthorizedKeyEntry.resolvePublicKeyEntries(session, entries,
                    PublicKeyEntryResolver.IGNORING)) {
                if (KeyUtils.compareKeys(k, offered)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
