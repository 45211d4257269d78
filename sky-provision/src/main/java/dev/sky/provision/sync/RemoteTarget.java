package dev.sky.provision.sync;

/**
 * Where a sync lands on the node.
 *
 * @param directory the folder the archive is extracted in (for a single file: the destination's folder)
 * @param fileName for a single file, its name on the node; null for a folder sync
 * @param manifestKey the manifest's name under {@code ~/.sky/sync/}
 */
record RemoteTarget(String directory, String fileName, String manifestKey) {

    static RemoteTarget of(SyncRequest request, boolean singleFile) {
        String dest = stripTrailingSlashes(request.destination());
        if (!singleFile) {
            return new RemoteTarget(dest, null, request.key());
        }
        int slash = dest.lastIndexOf('/');
        String dir = slash < 0 ? "~" : slash == 0 ? "/" : dest.substring(0, slash);
        // A separate manifest name: a destination that changes between file and folder must not mix the two.
        return new RemoteTarget(dir, dest.substring(slash + 1), request.key() + ".file");
    }

    /** The archive entry that carries the new manifest; moved out of the destination right after extraction. */
    String controlFileName() {
        return ".sky-sync-" + manifestKey + ".manifest";
    }

    private static String stripTrailingSlashes(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
