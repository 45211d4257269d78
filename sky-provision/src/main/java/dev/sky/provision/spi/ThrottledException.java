package dev.sky.provision.spi;

/**
 * The cloud's API kept refusing calls for their rate after sky's back-off gave up. Nothing was decided about
 * capacity: trying again later (or in another region, whose API is limited on its own) can succeed.
 */
public class ThrottledException extends ProvisionException {
    public ThrottledException(String message, String cloud, String region, Throwable cause) {
        super(message, cloud, region, null, BlockScope.REGION, cause);
    }
}
