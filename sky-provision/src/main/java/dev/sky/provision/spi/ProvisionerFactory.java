package dev.sky.provision.spi;

/**
 * Makes a cloud's {@link Provisioner}. Registered in {@code META-INF/services/dev.sky.provision.spi.ProvisionerFactory}
 * and found by {@link Provisioners}. Constructing a factory must be cheap: load the cloud's SDK in {@link #create}.
 */
public interface ProvisionerFactory {

    /** The cloud id, equal to its {@code CloudDescriptor.id()}. */
    String id();

    Provisioner create(ProvisionerContext context);
}
