package dev.sky.core.task;

/**
 * The task's working directory: a local folder, or a git repository cloned on the node at a ref.
 *
 * @param localPath a local folder, or null for a git workdir
 * @param gitUrl a git URL, or null
 * @param gitRef a branch, tag or commit, or null for the default branch
 */
public record Workdir(String localPath, String gitUrl, String gitRef) {
    public static Workdir local(String path) {
        return new Workdir(path, null, null);
    }

    public boolean isGit() {
        return gitUrl != null;
    }
}
