package dev.sky.clouds.local.provision;

import dev.sky.provision.spi.Provisioner;
import dev.sky.provision.spi.ProvisionerContext;
import dev.sky.provision.spi.ProvisionerFactory;

/** Registers the local cloud's provisioner under the id {@code local}. */
public final class LocalProvisionerFactory implements ProvisionerFactory {
    @Override
    public String id() {
        return LocalProvisioner.CLOUD;
    }

    @Override
    public Provisioner create(ProvisionerContext context) {
        return new LocalProvisioner(context);
    }
}
