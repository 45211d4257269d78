package dev.sky.clouds.aws.provision;

import dev.sky.provision.spi.InstanceStatus;
import dev.sky.provision.spi.NodeInfo;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * One EC2 instance as sky's {@link NodeInfo}: rank from its tag, sky reaches it at the public IP (the private one when
 * it has none), SSH on port 22 unless the {@code sky-ssh-port} tag says otherwise. The host key is not known before
 * the first connection: sky pins it then.
 */
final class Ec2InstanceToNodeInfo {
    static final String DEFAULT_USER = "ubuntu";

    private final String defaultUser;

    Ec2InstanceToNodeInfo(String defaultUser) {
        this.defaultUser = defaultUser == null || defaultUser.isBlank() ? DEFAULT_USER : defaultUser;
    }

    NodeInfo apply(Instance i) {
        String external = i.publicIpAddress() != null ? i.publicIpAddress() : i.privateIpAddress();
        String user = AwsTags.get(i.tags(), AwsTags.SSH_USER);
        return new NodeInfo(rank(i), i.instanceId(), i.privateIpAddress(), external, sshPort(i),
                user == null ? defaultUser : user, null, status(i.state() == null ? null : i.state().name()));
    }

    /** The instance's rank tag; -1 when it has none (not made by sky, or its tags are not visible yet). */
    static int rank(Instance i) {
        String r = AwsTags.get(i.tags(), AwsTags.RANK);
        try {
            return r == null ? -1 : Integer.parseInt(r);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static int sshPort(Instance i) {
        String p = AwsTags.get(i.tags(), AwsTags.SSH_PORT);
        try {
            return p == null ? 22 : Integer.parseInt(p);
        } catch (NumberFormatException e) {
            return 22;
        }
    }

    static InstanceStatus status(InstanceStateName state) {
        if (state == null) {
            return InstanceStatus.PENDING;
        }
        return switch (state) {
            case PENDING -> InstanceStatus.PENDING;
            case RUNNING -> InstanceStatus.RUNNING;
            case STOPPING -> InstanceStatus.STOPPING;
            case STOPPED -> InstanceStatus.STOPPED;
            case SHUTTING_DOWN -> InstanceStatus.TERMINATING;
            case TERMINATED -> InstanceStatus.TERMINATED;
            default -> InstanceStatus.PENDING;
        };
    }
}
