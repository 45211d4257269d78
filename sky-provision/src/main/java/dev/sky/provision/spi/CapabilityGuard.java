package dev.sky.provision.spi;

import dev.sky.optimizer.cloud.CloudFeature;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks each verb against the cloud's declared unsupported features before calling the adapter. Query, info, wait
 * and terminate are always allowed: sky must be able to see and clean up whatever exists.
 */
final class CapabilityGuard implements Provisioner {
    private final Provisioner delegate;
    private final String displayName;
    private final Map<CloudFeature, String> unsupported;

    CapabilityGuard(Provisioner delegate, String displayName, Map<CloudFeature, String> unsupported) {
        this.delegate = delegate;
        this.displayName = displayName == null ? delegate.cloudId() : displayName;
        this.unsupported = unsupported.isEmpty() ? Map.of() : new EnumMap<>(unsupported);
    }

    @Override
    public String cloudId() {
        return delegate.cloudId();
    }

    @Override
    public ClusterInfo create(ProvisionRequest r) {
        require(CloudFeature.PROVISION, "create a cluster");
        if (r.numNodes() > 1) {
            require(CloudFeature.MULTI_NODE, "create a cluster of " + r.numNodes() + " nodes");
        }
        if (r.spot()) {
            require(CloudFeature.SPOT, "create spot nodes");
        }
        if (!r.ports().isEmpty()) {
            require(CloudFeature.OPEN_PORTS, "open ports " + r.ports());
        }
        if (r.imageId() != null) {
            boolean docker = r.imageId().startsWith("docker:");
            require(docker ? CloudFeature.DOCKER_IMAGE : CloudFeature.IMAGE_ID,
                    docker ? "run a container image" : "boot a custom image");
        }
        return delegate.create(r);
    }

    @Override
    public void waitFor(ClusterRef cluster, InstanceStatus state, Duration timeout) {
        delegate.waitFor(cluster, state, timeout);
    }

    @Override
    public Map<String, InstanceStatus> query(ClusterRef cluster) {
        return delegate.query(cluster);
    }

    @Override
    public void stop(ClusterRef cluster) {
        require(CloudFeature.STOP, "stop a cluster");
        delegate.stop(cluster);
    }

    @Override
    public void start(ClusterRef cluster) {
        require(CloudFeature.STOP, "start a stopped cluster");
        delegate.start(cluster);
    }

    @Override
    public void terminate(ClusterRef cluster) {
        delegate.terminate(cluster);
    }

    @Override
    public void openPorts(ClusterRef cluster, List<PortRange> ports) {
        require(CloudFeature.OPEN_PORTS, "open ports " + ports);
        delegate.openPorts(cluster, ports);
    }

    @Override
    public void closePorts(ClusterRef cluster, List<PortRange> ports) {
        require(CloudFeature.OPEN_PORTS, "close ports " + ports);
        delegate.closePorts(cluster, ports);
    }

    @Override
    public Optional<ClusterInfo> clusterInfo(ClusterRef cluster) {
        return delegate.clusterInfo(cluster);
    }

    @Override
    public String nodePath(String destination) {
        return delegate.nodePath(destination);
    }

    @Override
    public Optional<String> selfShutdownCommand(ClusterRef cluster, boolean down) {
        return delegate.selfShutdownCommand(cluster, down);
    }

    @Override
    public <T> Optional<T> extension(Class<T> type) {
        return delegate.extension(type);
    }

    private void require(CloudFeature feature, String verb) {
        String reason = unsupported.get(feature);
        if (reason != null) {
            throw new UnsupportedVerbException(delegate.cloudId(), displayName, verb, feature, reason);
        }
    }
}
