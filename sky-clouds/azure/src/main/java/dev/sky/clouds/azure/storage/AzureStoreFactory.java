package dev.sky.clouds.azure.storage;

import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.ObjectStoreFactory;
import dev.sky.provision.storage.spi.StoreSettings;

/** {@code store: azure} and {@code https://<account>.blob.core.windows.net/}: Azure Blob Storage, or Azurite. */
public final class AzureStoreFactory implements ObjectStoreFactory {
    @Override
    public String storeType() {
        return "azure";
    }

    @Override
    public ObjectStore open(StoreSettings settings) {
        return new AzureStore(AzureStoreConfig.resolve(settings));
    }
}
