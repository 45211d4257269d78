package dev.sky.provision.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Makes {@code ssh <cluster>} and {@code ssh <cluster>-workerN} work with the system's OpenSSH client: one config file
 * per cluster under {@code SKY_HOME/generated/ssh/}, host keys pinned per node in a known_hosts file beside it (keyed
 * by a HostKeyAlias, so a node's address may change without a prompt), and one {@code Include} line in
 * {@code ~/.ssh/config}.
 */
public final class SshConfigFiles {
    private final Path dir;
    private final Path identityFile;

    public SshConfigFiles(Path generatedSshDir, Path identityFile) {
        this.dir = generatedSshDir;
        this.identityFile = identityFile;
    }

    public Path configFile(String cluster) {
        return dir.resolve(cluster);
    }

    public Path knownHostsFile(String cluster) {
        return dir.resolve("known_hosts").resolve(cluster);
    }

    /** Writes (atomically) the cluster's config and pinned host keys. */
    public void write(String cluster, List<SshHost> nodes) {
        StringBuilder cfg = new StringBuilder("# Written by sky for cluster '" + cluster + "'. sky down removes it.\n");
        StringBuilder known = new StringBuilder();
        for (SshHost n : nodes) {
            String keyAlias = "sky-" + n.alias();
            cfg.append("Host ").append(n.alias()).append('\n')
                    .append("  HostName ").append(n.hostName()).append('\n')
                    .append("  Port ").append(n.port()).append('\n')
                    .append("  User ").append(n.user()).append('\n')
                    .append("  IdentityFile \"").append(n.identityFile() != null ? n.identityFile() : identityFile)
                    .append("\"\n")
                    .append("  IdentitiesOnly yes\n")
                    .append("  HostKeyAlias ").append(keyAlias).append('\n')
                    .append("  UserKnownHostsFile \"").append(knownHostsFile(cluster)).append("\"\n")
                    .append("  StrictHostKeyChecking yes\n")
                    .append("  ServerAliveInterval 30\n\n");
            known.append(keyAlias).append(' ').append(n.hostKey().trim()).append('\n');
        }
        try {
            Files.createDirectories(knownHostsFile(cluster).getParent());
            restrict(dir, "rwx------");
            restrict(knownHostsFile(cluster).getParent(), "rwx------");
            writeAtomically(knownHostsFile(cluster), known.toString());
            writeAtomically(configFile(cluster), cfg.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the cluster's files; a no-op when they are gone. */
    public void remove(String cluster) {
        try {
            Files.deleteIfExists(configFile(cluster));
            Files.deleteIfExists(knownHostsFile(cluster));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line that {@code ~/.ssh/config} needs. */
    public String includeLine() {
        return "Include \"" + dir + "/*\"";
    }

    /**
     * Puts the Include line at the top of {@code userSshConfig} (Include must precede any Host block to apply to every
     * host). Returns false when it is already there.
     */
    public boolean installInclude(Path userSshConfig) {
        try {
            String line = includeLine();
            String old = Files.exists(userSshConfig) ? Files.readString(userSshConfig) : "";
            if (old.lines().anyMatch(l -> l.trim().equals(line))) {
                return false;
            }
            Files.createDirectories(userSshConfig.getParent());
            restrict(userSshConfig.getParent(), "rwx------");
            writeAtomically(userSshConfig, "# Added by sky: lets `ssh <cluster>` reach sky clusters.\n" + line + "\n\n"
                    + old);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        restrict(tmp, "rw-------");
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void restrict(Path p, String mode) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not POSIX: nothing to tighten.
        }
    }
}
