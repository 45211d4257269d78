package dev.sky.provision.ssh;

/** Quoting for POSIX sh command lines built here. */
public final class Shell {
    private Shell() {}

    /** Single-quotes a word so the shell takes it literally. */
    public static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(Shell::isPlain)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * A remote path as a shell word: {@code ~} and {@code ~/x} and relative paths become {@code "$HOME"/x} (quoting
     * would stop tilde expansion, and the login folder of an exec channel is not the same on every server); absolute
     * paths are quoted as they are.
     */
    public static String path(String remotePath) {
        if (remotePath.equals("~") || remotePath.isEmpty() || remotePath.equals(".")) {
            return "\"$HOME\"";
        }
        String rest;
        if (remotePath.startsWith("~/")) {
            rest = remotePath.substring(2);
        } else if (remotePath.startsWith("/")) {
            return quote(remotePath);
        } else {
            rest = remotePath.startsWith("./") ? remotePath.substring(2) : remotePath;
        }
        return rest.isEmpty() ? "\"$HOME\"" : "\"$HOME\"/" + quote(rest);
    }

    private static boolean isPlain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '/' || c == '.' || c == '_' || c == '-' || c == '+' || c == ',' || c == ':' || c == '@' || c == '%';
    }
}
