package dev.sky.clouds.local.provision.host;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * SFTP on the machine's real file system (absolute paths mean what they say), with relative paths starting at the
 * node's home rather than the host process's working folder.
 */
final class NodeSftpSubsystemFactory extends SftpSubsystemFactory {
    private final Path home;

    NodeSftpSubsystemFactory(Path home) {
        this.home = home;
    }

    @Override
    public Command createSubsystem(ChannelSession channel) throws IOException {
        SftpSubsystem subsystem = new SftpSubsystem(channel, this) {
            @Override
            public void setFileSystem(FileSystem fs) {
                super.setFileSystem(fs);
                defaultDir = fs.getPath(home.toString());
            }
        };
        getRegisteredListeners().forEach(subsystem::addSftpEventListener);
        return subsystem;
    }
}
