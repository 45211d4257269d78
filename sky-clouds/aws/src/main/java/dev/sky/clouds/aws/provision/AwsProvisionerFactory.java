package dev.sky.clouds.aws.provision;

import dev.sky.provision.spi.Provisioner;
import dev.sky.provision.spi.ProvisionerContext;
import dev.sky.provision.spi.ProvisionerFactory;

/** Registers the EC2 provisioner; the SDK is loaded only when a command asks for it. */
public final class AwsProvisionerFactory implements ProvisionerFactory {
    @Override
    public String id() {
        return "aws";
    }

    @Override
    public Provisioner create(ProvisionerContext context) {
        return AwsProvisioner.create(context);
    }
}
