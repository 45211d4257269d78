package dev.sky.clouds.aws.provision;

import java.util.Locale;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.VolumeType;

/**
 * The boot volume for a {@code disk_tier}, as SkyPilot sets it on AWS: low is magnetic {@code standard}; medium (the
 * default) and high are {@code gp3} with 3 500 and 7 000 IOPS and a sixteenth of that in MB/s; ultra, and best (the
 * best tier AWS has), is {@code io2} with 20 000 IOPS.
 *
 * @param type the EBS volume type
 * @param iops provisioned IOPS, or null when the type takes none
 * @param throughputMbps provisioned MB/s (gp3 only), or null
 */
record AwsDiskSpec(VolumeType type, Integer iops, Integer throughputMbps) {

    static AwsDiskSpec forTier(String tier) {
        String t = tier == null ? "medium" : tier.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "low" -> new AwsDiskSpec(VolumeType.STANDARD, null, null);
            case "medium" -> gp3(3500);
            case "high" -> gp3(7000);
            case "ultra", "best" -> new AwsDiskSpec(VolumeType.IO2, 20000, null);
            default -> throw new IllegalArgumentException("unknown disk_tier '" + tier
                    + "' (low, medium, high, ultra, best)");
        };
    }

    private static AwsDiskSpec gp3(int iops) {
        return new AwsDiskSpec(VolumeType.GP3, iops, iops / 16);
    }

    /** The root volume of {@code sizeGb}, deleted with the instance. */
    EbsBlockDevice ebs(int sizeGb) {
        return EbsBlockDevice.builder().volumeSize(sizeGb).volumeType(type).iops(iops).throughput(throughputMbps)
                .deleteOnTermination(true).build();
    }
}
