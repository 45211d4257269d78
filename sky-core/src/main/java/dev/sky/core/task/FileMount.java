package dev.sky.core.task;

/**
 * One {@code file_mounts} entry.
 *
 * @param destination the path on the node
 * @param source for the string form: a local path or a bucket URI; null for the dict form
 * @param storage for the dict form: the storage spec; null for the string form
 */
public record FileMount(String destination, String source, StorageSpec storage) {
    public boolean isCloudUri() {
        return source != null && source.matches("^[a-z0-9]+://.*");
    }
}
