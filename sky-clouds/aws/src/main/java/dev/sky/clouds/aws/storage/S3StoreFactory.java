package dev.sky.clouds.aws.storage;

import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.ObjectStoreFactory;
import dev.sky.provision.storage.spi.StoreSettings;

/** {@code store: s3} and {@code s3://}: AWS S3 or the S3-compatible server set in config.yaml. */
public final class S3StoreFactory implements ObjectStoreFactory {
    @Override
    public String storeType() {
        return "s3";
    }

    @Override
    public ObjectStore open(StoreSettings settings) {
        return new S3Store(S3StoreConfig.resolve("s3", settings), settings.env());
    }

    @Override
    public void checkSettings(StoreSettings settings) {
        S3NodeCredentialSettings.check("s3", settings);
    }
}
