package dev.sky.optimizer.catalog;

/**
 * One row of a cloud's {@code images.csv}: an image tag (e.g. {@code skypilot:gpu-ubuntu-2204}) and what it means in
 * one region. The id is an alias the cloud resolves at launch: an AWS {@code resolve:ssm:} public parameter, a GCP
 * image family, an Azure URN with version {@code latest}.
 *
 * @param tag the tag a task names in {@code image_id}
 * @param region the region
 * @param imageId the image id or alias to pass to the cloud
 */
public record ImageAlias(String tag, String region, String imageId) {}
