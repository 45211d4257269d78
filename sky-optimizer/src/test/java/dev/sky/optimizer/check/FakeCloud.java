package dev.sky.optimizer.check;

import dev.sky.core.SkyPaths;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.CredentialStatus;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A cloud whose check result the test sets, counting how often it is checked. */
final class FakeCloud implements CloudDescriptor {
    private final String id;
    volatile boolean credentialsPresent;
    volatile RuntimeException failure;
    final AtomicInteger checks = new AtomicInteger();

    FakeCloud(String id, boolean credentialsPresent) {
        this.id = id;
        this.credentialsPresent = credentialsPresent;
    }

    @Override public String id() { return id; }
    @Override public String displayName() { return id.toUpperCase(); }
    @Override public Map<CloudFeature, String> unsupported() { return Map.of(); }
    @Override public Catalog offerings(SkyPaths paths) { return new Catalog(id, List.of(), "computed", null); }
    @Override public DefaultInstancePolicy defaultInstancePolicy() { return null; }

    @Override
    public CredentialStatus check(CheckContext ctx) {
        checks.incrementAndGet();
        if (failure != null) {
            throw failure;
        }
        return credentialsPresent ? CredentialStatus.enabled(id, List.of("compute"), "tester")
                : CredentialStatus.disabled(id, "no credentials", "log in");
    }
}
