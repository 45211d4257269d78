package dev.sky.clouds.ssh.provision;

import dev.sky.clouds.ssh.pools.PoolHost;

/** The one place where SSH node pool failures are worded for the user. */
final class SshErrors {
    private SshErrors() {}

    /** One line about a host that could not be used. */
    static String hostFailure(PoolHost h, RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (m.contains("identity could not be verified")) {
            int at = m.indexOf("its host key");
            int end = m.indexOf(". If the node");
            String what = at >= 0 ? m.substring(at, end > at ? end : m.length()) : "its host key changed";
            return "host " + h.key() + " of pool '" + h.pool() + "' refused: " + what + " recorded at `sky ssh up`."
                    + " If the host was reinstalled, run `sky ssh up --infra " + h.pool()
                    + "` again to record the new key";
        }
        if (m.contains("refused the key")) {
            return "host " + h.key() + " of pool '" + h.pool() + "' refused the key " + h.identityFile()
                    + " for user " + h.user() + "; check identity_file in the pools file, then run `sky ssh up --infra "
                    + h.pool() + "`";
        }
        String reason = m.replaceFirst("^Cannot connect to [^:]+:\\d+: ", "").replace(" (not retryable)", "");
        return "host " + h.key() + " of pool '" + h.pool() + "' did not answer: " + reason;
    }
}
