package dev.sky.provision.sync;

/**
 * What one sync did, for the progress line.
 *
 * @param pathsScanned local files, folders and links considered (after ignore rules)
 * @param filesSent files and links sent (folders not counted)
 * @param bytesSent file content bytes sent
 * @param archiveBytes bytes of the tar stream, headers and padding included
 * @param pathsRemoved paths removed on the node
 */
public record SyncStats(int pathsScanned, int filesSent, long bytesSent, long archiveBytes, int pathsRemoved) {

    /** True when the node already matched and nothing was sent or removed. */
    public boolean upToDate() {
        return filesSent == 0 && pathsRemoved == 0 && archiveBytes == 0;
    }
}
