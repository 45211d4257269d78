package dev.sky.provision.sync;

import java.util.List;

/**
 * The work of one sync.
 *
 * @param send entries to put on the node (new or changed), in path order so folders come before their contents
 * @param remove paths to delete on the node before extracting: gone locally, or changed between file, folder and link
 */
public record SyncDiff(List<ManifestEntry> send, List<String> remove) {
    public SyncDiff {
        send = List.copyOf(send);
        remove = List.copyOf(remove);
    }

    public boolean isEmpty() {
        return send.isEmpty() && remove.isEmpty();
    }
}
