package dev.sky.clouds.local.provision.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * Counts a node's open session channels (exec, shell, SFTP) and touches its {@code ssh_activity} file when one opens
 * and, through {@link #touchIfActive()}, every few seconds while any is open. The runtime's autostop watchdog reads
 * the file's modification time.
 */
final class SessionActivity implements ChannelListener {
    private final Path file;
    /** A set rather than a counter: a close reported twice, or without its open, must not skew it. */
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();

    SessionActivity(Path file) {
        this.file = file;
    }

    @Override
    public void channelOpenSuccess(Channel channel) {
        if (channel instanceof ChannelSession) {
            open.add(channel);
            touch();
        }
    }

    @Override
    public void channelClosed(Channel channel, Throwable reason) {
        if (channel instanceof ChannelSession && open.remove(channel)) {
            touch(); // the session's last moment counts as activity too
        }
    }

    int openSessions() {
        return open.size();
    }

    void touchIfActive() {
        if (!open.isEmpty()) {
            touch();
        }
    }

    private void touch() {
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            } else {
                Files.createFile(file);
            }
        } catch (IOException e) {
            // A job may have removed the folder; the next touch recreates it.
        }
    }
}
