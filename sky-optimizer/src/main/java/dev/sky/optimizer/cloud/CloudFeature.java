package dev.sky.optimizer.cloud;

/** Things a task may need that some clouds cannot do. A cloud declares the ones it lacks, each with a reason. */
public enum CloudFeature {
    /** Create nodes at all (a cloud whose provisioner has not landed yet lacks it). */
    PROVISION,
    STOP,
    SPOT,
    MULTI_NODE,
    OPEN_PORTS,
    /** {@code image_id: docker:...}: run the task inside a container image. */
    DOCKER_IMAGE,
    /** A custom VM image id. */
    IMAGE_ID,
    /** Google TPUs. */
    TPU,
    CUSTOM_DISK_TIER,
    CUSTOM_NETWORK_TIER,
    AUTOSTOP
}
