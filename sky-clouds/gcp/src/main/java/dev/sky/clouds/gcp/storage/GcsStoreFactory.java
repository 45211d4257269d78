package dev.sky.clouds.gcp.storage;

import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.ObjectStoreFactory;
import dev.sky.provision.storage.spi.StoreSettings;

/** {@code store: gcs} and {@code gs://}: Google Cloud Storage, or the JSON-API server set in config.yaml. */
public final class GcsStoreFactory implements ObjectStoreFactory {
    @Override
    public String storeType() {
        return "gcs";
    }

    @Override
    public ObjectStore open(StoreSettings settings) {
        return new GcsStore(GcsStoreConfig.resolve(settings));
    }
}
