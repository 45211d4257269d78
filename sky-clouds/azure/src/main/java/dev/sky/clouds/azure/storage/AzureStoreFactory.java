package dev.sky.clouds.azure.storage;

import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.ObjectStoreFactory;
import dev.sky.provision.storage.spi.StoreSettings;
import dev.sky.provision.storage.spi.StoreUri;
import java.util.Optional;

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

    /** URLs under {@code azure.storage.endpoint} (Azurite, a private endpoint), parsed by {@link AzureBlobUris}. */
    @Override
    public Optional<StoreUri> parseUri(String uri, StoreSettings settings) {
        AzureStoreConfig config = AzureStoreConfig.resolve(settings);
        if (!AzureBlobUris.underEndpoint(uri, config)) {
            return Optional.empty();
        }
        return Optional.of(AzureBlobUris.parse(uri, config));
    }
}
