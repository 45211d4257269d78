package dev.sky.clouds.aws.provision;

import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import dev.sky.clouds.aws.AwsCloud;
import dev.sky.optimizer.catalog.CatalogRow;
import dev.sky.optimizer.catalog.ImageCatalog;
import dev.sky.optimizer.catalog.ImageCatalogLoader;

/**
 * Which image an instance boots. {@code image_id: ami-…} (or {@code resolve:ssm:…}) as given; a {@code skypilot:}
 * tag through the image catalog; otherwise SkyPilot's defaults: the Deep Learning base image with NVIDIA drivers for
 * an instance type with accelerators, plain Ubuntu 22.04 otherwise. Defaults are public SSM parameters, which EC2
 * resolves in the launch region ({@code resolve:ssm:}), so no SSM call and no per-region AMI table are needed.
 */
final class AwsImages {
    static final String CPU_TAG = "skypilot:cpu-ubuntu-2204";
    static final String GPU_TAG = "skypilot:gpu-ubuntu-2204";
    static final String CPU_PARAMETER =
            "resolve:ssm:/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id";
    static final String GPU_PARAMETER =
            "resolve:ssm:/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-ubuntu-22.04/latest/ami-id";

    private final SkyPaths paths;

    AwsImages(SkyPaths paths) {
        this.paths = paths;
    }

    /** The RunInstances ImageId for the request's image (null for the default) in {@code region}. */
    String imageId(String requested, String region, String instanceType) {
        if (requested != null && (requested.startsWith("ami-") || requested.startsWith("resolve:ssm:"))) {
            return requested;
        }
        if (requested != null && requested.startsWith("skypilot:")) {
            return catalog().imageId(requested, region).orElseThrow(() -> SkyException.invalidInput(
                    "image_id " + requested + " has no AWS image in " + region + " (see catalogs/aws/images.csv)"));
        }
        if (requested != null) {
            throw SkyException.invalidInput("image_id '" + requested + "' is not an AWS image: use ami-…, "
                    + "resolve:ssm:<parameter> or a skypilot: tag");
        }
        boolean gpu = hasAccelerator(instanceType);
        return catalog().imageId(gpu ? GPU_TAG : CPU_TAG, region).orElse(gpu ? GPU_PARAMETER : CPU_PARAMETER);
    }

    private ImageCatalog catalog() {
        return ImageCatalogLoader.forCloud("aws", paths, AwsImages.class.getClassLoader());
    }

    private boolean hasAccelerator(String instanceType) {
        for (CatalogRow row : new AwsCloud().offerings(paths).rows()) {
            if (row.instanceType().equals(instanceType)) {
                return row.hasAccelerator();
            }
        }
        // Not in the catalog: go by the families that carry accelerators.
        return instanceType != null && instanceType.matches("(p\\d|g\\d|inf\\d|trn\\d|dl\\d).*");
    }
}
