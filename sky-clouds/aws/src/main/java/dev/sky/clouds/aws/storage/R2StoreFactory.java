package dev.sky.clouds.aws.storage;

import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.ObjectStoreFactory;
import dev.sky.provision.storage.spi.StoreSettings;

/** {@code store: r2} and {@code r2://}: Cloudflare R2 through its S3 API, with SkyPilot's credential files. */
public final class R2StoreFactory implements ObjectStoreFactory {
    @Override
    public String storeType() {
        return "r2";
    }

    @Override
    public ObjectStore open(StoreSettings settings) {
        return new S3Store(S3StoreConfig.resolve("r2", settings), settings.env());
    }

    @Override
    public void checkSettings(StoreSettings settings) {
        S3NodeCredentialSettings.check("r2", settings);
    }
}
