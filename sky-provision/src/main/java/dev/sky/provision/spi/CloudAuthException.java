package dev.sky.provision.spi;

/** The cloud rejected the credentials: every region of it is blocked until the user fixes them. */
public class CloudAuthException extends ProvisionException {
    public CloudAuthException(String cloud, String message, Throwable cause) {
        super(message, cloud, null, null, BlockScope.CLOUD, cause);
    }
}
