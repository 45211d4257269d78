package dev.sky.provision.sync;

import dev.sky.provision.ssh.Shell;

/** The two shell commands a sync runs on the node. Only POSIX sh, coreutils and tar are needed there. */
final class RemoteScripts {
    private RemoteScripts() {}

    static String stateDir() {
        return "~/.sky/sync";
    }

    /**
     * Prints {@code missing} (the destination is not there: send everything), {@code same} (the node's manifest has
     * the expected header), or {@code differ} followed by the node's manifest, if any.
     */
    static String check(RemoteTarget t, String expectedHeader) {
        String probe = t.fileName() == null ? Shell.path(t.directory()) : "\"$d\"/" + Shell.quote(t.fileName());
        return "d=" + Shell.path(t.directory()) + "; m=" + manifest(t) + "; "
                + "if [ ! -e " + probe + " ]; then echo missing; "
                + "elif [ -f \"$m\" ] && [ \"$(head -n 1 \"$m\")\" = " + Shell.quote(expectedHeader) + " ]; then echo same; "
                + "else echo differ; cat \"$m\" 2>/dev/null; true; fi";
    }

    /**
     * Creates the destination (with sudo only if the user cannot, as for file mounts outside the home folder),
     * removes paths, extracts the archive from stdin keeping modes but not owners, and installs the new manifest.
     */
    static String apply(RemoteTarget t, String removal) {
        String control = Shell.quote(t.controlFileName());
        return "set -e; d=" + Shell.path(t.directory()) + "; "
                + "mkdir -p -- \"$d\" 2>/dev/null || { sudo -n mkdir -p -- \"$d\" && sudo -n chown \"$(id -u):$(id -g)\" \"$d\"; }; "
                + "cd \"$d\"; "
                + (removal.isEmpty() ? "" : removal + "; ")
                + "tar -x -p -o -f -; "
                + "mkdir -p " + Shell.path(stateDir()) + "; "
                + "mv -f -- " + control + " " + manifest(t);
    }

    private static String manifest(RemoteTarget t) {
        return Shell.path(stateDir() + "/" + t.manifestKey() + ".manifest");
    }
}
