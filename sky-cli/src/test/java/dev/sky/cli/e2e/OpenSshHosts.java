package dev.sky.cli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real OpenSSH servers ({@code /usr/sbin/sshd}) as the hosts of an SSH node pool: one process per host, each on its own
 * loopback address (127.78.x.y) and high port, with its own config, host key and PidFile, {@code UsePAM no},
 * {@code StrictModes no}, and {@code AuthorizedKeysFile} naming a file of this fixture (the pool's key) as well as
 * {@code .ssh/authorized_keys} (where sky adds cluster keys). All hosts log in one user, so they share one home
 * folder, like NFS homes. As root, that user is created for the test ({@code useradd}) and removed in
 * {@link #close()}. Otherwise sshd runs unprivileged and can only log in the current user: then the sessions get a
 * home folder of this fixture ({@code SetEnv HOME=}, and that folder's {@code .ssh/authorized_keys}), so that the
 * user's real {@code ~/.sky} and {@code ~/.ssh} are never touched.
 */
final class OpenSshHosts implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");

    /** One host: where it listens and its sshd process. */
    final class Host {
        final String address;
        final int port;
        final Path config;
        Process sshd;

        Host(String address, int port, Path config) {
            this.address = address;
            this.port = port;
            this.config = config;
        }

        Path hostKey() {
            return config.resolveSibling(config.getFileName() + ".hostkey");
        }

        /** Kills the sshd and every process under it, as if the machine died. */
        void kill() {
            if (sshd != null) {
                List<ProcessHandle> tree = new ArrayList<>(sshd.descendants().toList());
                tree.add(sshd.toHandle());
                tree.forEach(ProcessHandle::destroyForcibly);
                for (ProcessHandle p : tree) {
                    p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> p).join();
                }
                sshd = null;
            }
        }

        /** Starts (again) with the same config and host key. */
        void start() {
            try {
                sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                        .redirectErrorStream(true).redirectOutput(config.resolveSibling(config.getFileName() + ".log")
                                .toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(address, port), 500);
                    return;
                } catch (IOException notYet) {
                    if (!sshd.isAlive()) {
                        throw new IllegalStateException("sshd for " + address + " exited; see " + config + ".log");
                    }
                    sleep(50);
                }
            }
            throw new IllegalStateException("sshd for " + address + ":" + port + " did not start listening");
        }

        /** Gives the host a new host key (a reinstalled machine) and restarts it. */
        void replaceHostKey() {
            kill();
            try {
                Files.deleteIfExists(hostKey());
                Files.deleteIfExists(Path.of(hostKey() + ".pub"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey().toString());
            start();
        }
    }

    final Path dir;
    final String user;
    final Path home;
    final Path identityFile;
    final boolean createdUser;
    final List<Host> hosts = new ArrayList<>();

    private OpenSshHosts(Path dir, String user, Path home, Path identityFile, boolean createdUser) {
        this.dir = dir;
        this.user = user;
        this.home = home;
        this.identityFile = identityFile;
        this.createdUser = createdUser;
    }

    static boolean available() {
        return Files.isExecutable(SSHD) && Procs.available();
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** {@code count} hosts for one user: a throwaway user as root, else the current user. */
    static OpenSshHosts start(Path dir, int count) {
        String user;
        Path home;
        boolean created = root();
        if (created) {
            user = "skypool" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36);
            home = Path.of("/tmp").resolve(user + "-home");
            exec("useradd", "-M", "-d", home.toString(), "-s", "/bin/bash", user);
            // A new account is locked ('!'), and sshd without PAM refuses locked accounts even for key logins.
            exec("usermod", "-p", "*", user);
            exec("mkdir", "-p", home.toString());
            exec("chown", user + ":", home.toString());
            if (!Files.isDirectory(Path.of("/run/sshd"))) {
                exec("mkdir", "-p", "-m", "0755", "/run/sshd");
            }
        } else {
            user = System.getProperty("user.name");
            home = dir.resolve("shared-home");
        }
        OpenSshHosts h = new OpenSshHosts(dir, user, home, dir.resolve("pool_key"), created);
        try {
            h.setUp(count);
        } catch (RuntimeException | Error e) {
            h.close();
            throw e;
        }
        return h;
    }

    private void setUp(int count) {
        try {
            Files.createDirectories(dir);
            Files.createDirectories(home);
            exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "pool-test", "-f", identityFile.toString());
            // sshd reads AuthorizedKeysFile as the user: a world-readable copy outside root's temp folders.
            Path authDir = createdUser ? Path.of("/tmp").resolve(user + "-auth") : dir;
            Files.createDirectories(authDir);
            Path auth = authDir.resolve("authorized_keys");
            Files.copy(Path.of(identityFile + ".pub"), auth);
            if (createdUser) {
                Files.setPosixFilePermissions(authDir, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.setPosixFilePermissions(auth, PosixFilePermissions.fromString("rw-r--r--"));
            }
            int a = ThreadLocalRandom.current().nextInt(1, 250);
            int b = ThreadLocalRandom.current().nextInt(1, 200);
            for (int i = 0; i < count; i++) {
                String address = "127.78." + a + "." + (b + i);
                int port = freePort(address);
                Path config = dir.resolve("sshd-" + i + ".conf");
                Host host = new Host(address, port, config);
                exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", host.hostKey().toString());
                Files.writeString(config, String.join("\n",
                        "ListenAddress " + address + ":" + port,
                        "HostKey " + host.hostKey(),
                        "PidFile " + dir.resolve("sshd-" + i + ".pid"),
                        "UsePAM no",
                        "StrictModes no",
                        "AuthorizedKeysFile " + auth + " " + home.resolve(".ssh/authorized_keys"),
                        createdUser ? "" : "SetEnv HOME=" + home,
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "PubkeyAuthentication yes",
                        "AllowUsers " + user,
                        "MaxStartups 100",
                        "MaxSessions 50",
                        "LogLevel ERROR",
                        ""));
                hosts.add(host);
                host.start();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sessions' user id, as {@code id -u} prints it. */
    String uid() {
        return uidOfUser();
    }

    /** A pools file naming every host, with the user and identity file. */
    String poolsYaml(String pool) {
        StringBuilder b = new StringBuilder(pool + ":\n  user: " + user + "\n  identity_file: " + identityFile
                + "\n  hosts:\n");
        for (Host h : hosts) {
            b.append("    - ip: ").append(h.address).append("\n      port: ").append(h.port).append('\n');
        }
        return b.toString();
    }

    /**
     * A pools file whose last host is only the name of a {@code ~/.ssh/config} entry of {@code userHome} (written
     * here, with HostName, Port, User and IdentityFile), and whose other hosts give everything themselves. There is
     * no pool-wide user or identity_file, so that entry alone says how to reach that host.
     */
    String poolsYamlWithSshConfigAlias(String pool, String alias, Path userHome) {
        Host last = hosts.get(hosts.size() - 1);
        try {
            Path ssh = Files.createDirectories(userHome.resolve(".ssh"));
            Files.writeString(ssh.resolve("config"), String.join("\n",
                    "Host other-box",
                    "  User nobody-here",
                    "Host " + alias,
                    "  HostName " + last.address,
                    "  Port " + last.port,
                    "  User " + user,
                    "  IdentityFile " + identityFile,
                    ""));
            Files.setPosixFilePermissions(ssh.resolve("config"), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder b = new StringBuilder(pool + ":\n  hosts:\n");
        for (Host h : hosts.subList(0, hosts.size() - 1)) {
            b.append("    - ip: ").append(h.address).append("\n      port: ").append(h.port)
                    .append("\n      user: ").append(user).append("\n      identity_file: ").append(identityFile)
                    .append('\n');
        }
        return b.append("    - ").append(alias).append('\n').toString();
    }

    /** Processes of the pool's user that carry a job tag or run sky's runtime for a cluster. */
    List<Procs.Proc> clusterProcesses(String cluster) {
        String rt = "/sky-rt -c " + cluster + " ";
        return Procs.matching(p -> p.cmdline().contains(rt)
                || (p.envHasPrefix("SKY_RT_JOB_TAG=") && p.environ().contains("USER=" + user)
                    && p.mentions(home.toString())));
    }

    @Override
    public void close() {
        hosts.forEach(Host::kill);
        if (createdUser) {
            // Everything the throwaway user still runs (job processes that left their session) goes with it.
            for (int round = 0; round < 5; round++) {
                List<ProcessHandle> left = ProcessHandle.allProcesses().filter(p -> ownedByUser(p.pid())).toList();
                if (left.isEmpty()) {
                    break;
                }
                left.forEach(ProcessHandle::destroyForcibly);
                sleep(100);
            }
            execQuietly("userdel", "-r", user);
            deleteTree(home);
            deleteTree(Path.of("/tmp").resolve(user + "-auth"));
        }
    }

    private boolean ownedByUser(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Uid:")) {
                    String uid = line.split("\\s+")[1];
                    return uid.equals(uidOfUser());
                }
            }
        } catch (IOException gone) {
            return false;
        }
        return false;
    }

    private String uid;

    private synchronized String uidOfUser() {
        if (uid == null) {
            uid = execOut("id", "-u", user).strip();
        }
        return uid;
    }

    private static int freePort(String address) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(address, 0));
            return s.getLocalPort();
        }
    }

    static void exec(String... cmd) {
        String out = execOut(cmd);
        if (out == null) {
            throw new IllegalStateException("failed: " + String.join(" ", cmd));
        }
    }

    private static void execQuietly(String... cmd) {
        execOut(cmd);
    }

    private static String execOut(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                System.err.println(String.join(" ", cmd) + ": " + out);
                return null;
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort for a temp folder.
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
