package dev.sky.provision.spi;

import dev.sky.core.ExitCode;
import dev.sky.optimizer.cloud.CloudFeature;

/**
 * A verb the cloud declares it cannot do ({@code CloudDescriptor.unsupported()}). The message is the declared reason,
 * prefixed with what was asked; nothing was created or changed.
 */
public class UnsupportedVerbException extends ProvisionException {
    private final CloudFeature feature;
    private final String reason;

    /**
     * @param cloud cloud id
     * @param displayName how the cloud is shown ({@code Local}, {@code AWS})
     * @param verb what was asked, e.g. {@code stop a cluster}
     * @param feature the feature the verb needs
     * @param reason the cloud's declared reason
     */
    public UnsupportedVerbException(String cloud, String displayName, String verb, CloudFeature feature,
                                    String reason) {
        super(ExitCode.INVALID_INPUT, displayName + " cannot " + verb + ": " + reason, cloud, null, null,
                BlockScope.CLOUD, null);
        this.feature = feature;
        this.reason = reason;
    }

    public CloudFeature feature() {
        return feature;
    }

    /** The reason as the cloud declares it. */
    public String reason() {
        return reason;
    }
}
