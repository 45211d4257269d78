package dev.sky.clouds.ssh.provision;

import dev.sky.provision.runtime.ShellQuote;

/**
 * The shell commands that add and remove a cluster's intra-cluster key in the login user's
 * {@code ~/.ssh/authorized_keys}. The key line carries the comment {@code sky-cluster-<cluster>}; removal matches the
 * key itself, so a line the user edited is still found, and other keys are never touched.
 */
final class AuthorizedKeys {
    private AuthorizedKeys() {}

    /** Appends the key unless it is there. Idempotent; safe on a home shared by several hosts. */
    static String add(String publicKeyLine) {
        return "umask 077; mkdir -p \"$HOME/.ssh\" && touch \"$HOME/.ssh/authorized_keys\" && "
                + "{ grep -qF " + ShellQuote.quote(blob(publicKeyLine)) + " \"$HOME/.ssh/authorized_keys\" || "
                + "printf '%s\\n' " + ShellQuote.quote(publicKeyLine.trim()) + " >>\"$HOME/.ssh/authorized_keys\"; }";
    }

    /** Removes every line holding the key; a missing file is fine. */
    static String remove(String keyBlob) {
        return "f=\"$HOME/.ssh/authorized_keys\"; [ -f \"$f\" ] || exit 0; "
                + "grep -qF " + ShellQuote.quote(keyBlob) + " \"$f\" || exit 0; umask 077; t=\"$f.sky-tmp.$$\"; "
                + "{ grep -vF " + ShellQuote.quote(keyBlob) + " \"$f\" >\"$t\"; [ $? -le 1 ]; } && mv -f \"$t\" \"$f\" "
                + "|| { rm -f \"$t\"; exit 1; }";
    }

    /** Removes the lines whose comment is {@code sky-cluster-<cluster>}, for when the cluster's key file is lost. */
    static String removeByComment(String cluster) {
        String re = " sky-cluster-" + cluster.replace(".", "\\.") + "$";
        return "f=\"$HOME/.ssh/authorized_keys\"; [ -f \"$f\" ] || exit 0; "
                + "grep -q " + ShellQuote.quote(re) + " \"$f\" || exit 0; umask 077; t=\"$f.sky-tmp.$$\"; "
                + "{ grep -v " + ShellQuote.quote(re) + " \"$f\" >\"$t\"; [ $? -le 1 ]; } && mv -f \"$t\" \"$f\" "
                + "|| { rm -f \"$t\"; exit 1; }";
    }

    /** The base64 field of an OpenSSH public key line. */
    static String blob(String publicKeyLine) {
        String[] f = publicKeyLine.trim().split("\\s+");
        if (f.length < 2) {
            throw new IllegalArgumentException("not an OpenSSH public key line");
        }
        return f[1];
    }
}
