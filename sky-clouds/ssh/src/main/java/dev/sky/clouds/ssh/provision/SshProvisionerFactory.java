package dev.sky.clouds.ssh.provision;

import dev.sky.provision.spi.Provisioner;
import dev.sky.provision.spi.ProvisionerContext;
import dev.sky.provision.spi.ProvisionerFactory;

/** Registers the SSH node pool provisioner under the cloud id {@code ssh}. */
public final class SshProvisionerFactory implements ProvisionerFactory {
    @Override
    public String id() {
        return SshProvisioner.CLOUD;
    }

    @Override
    public Provisioner create(ProvisionerContext context) {
        return new SshProvisioner(context);
    }
}
