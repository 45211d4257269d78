package dev.sky.clouds.aws.emulator;

import dev.sky.clouds.local.provision.AddressAllocator;
import dev.sky.clouds.local.provision.LocalClusterSpec;
import dev.sky.clouds.local.provision.LocalLayout;
import dev.sky.clouds.local.provision.LocalProvisioner;
import dev.sky.clouds.local.provision.NodeKeys;
import dev.sky.core.SkyPaths;
import dev.sky.provision.spi.ClusterRef;
import dev.sky.provision.spi.NodeInfo;
import dev.sky.provision.spi.ProvisionException;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.spi.ProvisionerContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Each instance is a one-node local-cloud cluster named after the instance id, under the emulator's own SKY_HOME.
 * The node's PATH starts with the emulator's {@code bin}: {@code shutdown}, {@code poweroff} and {@code halt} tell
 * the emulator (over its control path) that the instance shut itself down, and {@code sudo} runs its command as
 * the node's user, so that {@code sudo shutdown -h now} works as on an EC2 Ubuntu image.
 */
final class LocalNodeBackend implements NodeBackend {
    private static final String SUDO = """
            #!/bin/sh
            # EC2 emulator: the node runs as one user, so sudo only drops its own options and runs the command.
            while [ $# -gt 0 ]; do
              case "$1" in
                -u|-g|-C|-D|-h|-p|-r|-t|-U) shift 2 ;;
                --) shift; break ;;
                -*) shift ;;
                *) break ;;
              esac
            done
            exec "$@"
            """;
    private static final String SHUTDOWN = """
            #!/bin/sh
            # EC2 emulator: a shutdown from inside the instance; the emulator applies its shutdown behavior.
            node_home="${SKY_NODE_HOME:-$HOME}"
            instance="$(basename "$(dirname "$node_home")")"
            url="%s/shutdown?instance=$instance"
            if command -v curl >/dev/null 2>&1; then
              curl -fsS -X POST "$url" >/dev/null
            else
              wget -q -O /dev/null --post-data= "$url"
            fi
            """;

    private final LocalProvisioner provisioner;
    private final LocalLayout layout;
    private final Path home;
    private final boolean ownsHome;

    private LocalNodeBackend(LocalProvisioner provisioner, LocalLayout layout, Path home, boolean ownsHome) {
        this.provisioner = provisioner;
        this.layout = layout;
        this.home = home;
        this.ownsHome = ownsHome;
    }

    static LocalNodeBackend create(EmulatorOptions options, String controlUrl) {
        try {
            boolean owns = options.nodeSkyHome() == null;
            Path home = owns ? Files.createTempDirectory("sky-ec2-emulator") : options.nodeSkyHome();
            Files.createDirectories(home);
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
            Path bin = home.resolve("emulator-bin");
            Files.createDirectories(bin);
            String shutdown = SHUTDOWN.formatted(controlUrl);
            for (String name : List.of("shutdown", "poweroff", "halt")) {
                script(bin.resolve(name), shutdown);
            }
            script(bin.resolve("sudo"), SUDO);
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("SKY_HOME", home.toString());
            env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
            // As on a real EC2 machine, nothing in the node's environment overrides the time scale or the fault
            // point that the CLI under test configures on the node.
            env.remove("SKY_TIME_SCALE");
            env.remove("SKY_FAULT");
            SkyPaths paths = SkyPaths.fromEnv(env);
            LocalProvisioner provisioner = new LocalProvisioner(new ProvisionerContext(paths, env));
            return new LocalNodeBackend(provisioner, new LocalLayout(paths.localNodes()), home, owns);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the EC2 emulator's node folder", e);
        }
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Override
    public NodeAddress up(EmulatedInstance instance) {
        // cloud-init skips a line that is not a key; so does the emulator, rather than fail the boot
        List<String> keys = instance.authorizedKeys.stream().map(String::strip)
                .filter(k -> k.matches("(ssh-|ecdsa-|sk-)\\S+\\s+\\S+.*")).toList();
        String first = keys.isEmpty() ? "" : keys.get(0);
        String second = keys.size() > 1 ? keys.get(1) : null;
        ProvisionRequest request = new ProvisionRequest(instance.id, 1, "local", "local", null, "local", false,
                null, 0, List.of(), first, second, Map.of());
        provisioner.create(request);
        if (keys.size() > 2) {
            NodeKeys.writeAuthorizedKeys(layout.authorizedKeys(instance.id, 0), keys);
        }
        NodeInfo node = provisioner.clusterInfo(ClusterRef.of(instance.id))
                .orElseThrow(() -> ProvisionException.notFound("local", instance.id)).nodes().get(0);
        return new NodeAddress(node.externalAddress(), node.sshPort(), node.sshUser());
    }

    @Override
    public void stop(String instanceId) {
        provisioner.stop(ClusterRef.of(instanceId));
    }

    @Override
    public void readdress(String instanceId) {
        LocalClusterSpec old = LocalClusterSpec.read(layout.specFile(instanceId));
        // The allocator skips every address a spec holds, this node's included, so the new one differs.
        new AddressAllocator(layout).allocate(old.nodes().size(), nodes -> new LocalClusterSpec(old.cluster(),
                old.user(), nodes).write(layout.specFile(instanceId)));
    }

    @Override
    public void terminate(String instanceId) {
        provisioner.terminate(ClusterRef.of(instanceId));
    }

    Path nodeHome(String instanceId) {
        return layout.nodeHome(instanceId, 0);
    }

    /** The pid of the instance's node host process, if it has one now. */
    OptionalLong hostPid(String instanceId) {
        try {
            Path pidFile = layout.hostPidFile(instanceId);
            return Files.exists(pidFile)
                    ? OptionalLong.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).strip()))
                    : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty(); // removed or half-written while reading
        }
    }

    @Override
    public void close() {
        if (!ownsHome) {
            return;
        }
        try (Stream<Path> walk = Files.walk(home)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
