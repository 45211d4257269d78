package dev.sky.provision.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The node runtime: POSIX shell scripts shipped as classpath resources and installed on every node under
 * {@code ~/.sky/runtime/<version>/}. The version is derived from the scripts' bytes, so a changed script is
 * installed next to the old one instead of being skipped. See docs/runtime.md.
 */
public final class NodeRuntime {
    private NodeRuntime() {}

    /** Script paths relative to the runtime folder, entry script first. */
    public static final List<String> SCRIPTS = List.of(
            "sky-rt", "lib/common.sh", "lib/init.sh", "lib/jobs.sh", "lib/scheduler.sh", "lib/driver.sh",
            "lib/rank.sh", "lib/logs.sh", "lib/autostop.sh", "lib/teardown.sh", "lib/storage.sh", "lib/health.sh");

    private static final String RESOURCE_ROOT = "/dev/sky/provision/runtime/";
    private static final String HEREDOC_END = "__SKY_RT_SCRIPT_END__";

    /** Computed on first use, so commands that never touch a node never read the scripts. */
    private static final class Version {
        static final String VALUE = compute();

        private static String compute() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (String name : SCRIPTS) {
                    sha.update(name.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                    sha.update(script(name).getBytes(StandardCharsets.UTF_8));
                }
                return "1-" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JRE", e);
            }
        }
    }

    /** The runtime version, e.g. {@code 1-3f2a9c0d11be}: the folder name under {@code ~/.sky/runtime/}. */
    public static String version() {
        return Version.VALUE;
    }

    /** The text of one script. */
    public static String script(String name) {
        if (!SCRIPTS.contains(name)) {
            throw new IllegalArgumentException("not a runtime script: " + name + " (known: " + SCRIPTS + ")");
        }
        try (InputStream in = NodeRuntime.class.getResourceAsStream(RESOURCE_ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("runtime script " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node's runtime folder, as a shell word that the node's shell expands. */
    public static String installDir() {
        return "\"$HOME/.sky/runtime/" + version() + "\"";
    }

    /** The command that installs the runtime; send {@link #installScript()} on its stdin. */
    public static String installCommand() {
        return "sh -s";
    }

    /**
     * A POSIX sh script that installs this runtime version unless the node has it intact already (a damaged copy is
     * replaced; {@code sky-rt health} checks the same manifest). It writes into a
     * temporary folder and renames it into place, so a node never sees half an install, and two concurrent
     * installs on one home both succeed.
     */
    public static String installScript() {
        StringBuilder sh = new StringBuilder(64 * 1024);
        sh.append("set -e\numask 022\n");
        sh.append("d=").append(installDir()).append('\n');
        String files = String.join(" ", SCRIPTS);
        // Skip only an intact install: every file as cksum saw it when installed ("manifest").
        sh.append("if [ -x \"$d/sky-rt\" ] && [ -r \"$d/manifest\" ] && [ \"$(cd \"$d\" && cksum ").append(files)
                .append(" 2>/dev/null)\" = \"$(cat \"$d/manifest\")\" ]; then exit 0; fi\n");
        // A damaged install (a file removed or changed on the node) is moved aside and written again.
        sh.append("if [ -e \"$d\" ]; then mv \"$d\" \"$d.broken.$$\" 2>/dev/null || true; rm -rf \"$d.broken.$$\"; fi\n");
        sh.append("mkdir -p \"$HOME/.sky/runtime\"\nchmod 700 \"$HOME/.sky\"\n");
        sh.append("t=\"$d.tmp.$$\"\nrm -rf \"$t\"\nmkdir -p \"$t/lib\"\n");
        for (String name : SCRIPTS) {
            String text = script(name);
            if (text.lines().anyMatch(HEREDOC_END::equals)) {
                throw new IllegalStateException(name + " contains the heredoc delimiter " + HEREDOC_END);
            }
            sh.append("cat > \"$t/").append(name).append("\" <<'").append(HEREDOC_END).append("'\n");
            sh.append(text);
            if (!text.endsWith("\n")) {
                sh.append('\n');
            }
            sh.append(HEREDOC_END).append('\n');
        }
        sh.append("chmod 755 \"$t/sky-rt\"\n");
        sh.append("(cd \"$t\" && cksum ").append(files).append(") > \"$t/manifest\"\n");
        // Another install of the same version may have won the race; its copy is identical.
        sh.append("if [ -e \"$d\" ]; then rm -rf \"$t\"; else mv \"$t\" \"$d\"; fi\n");
        sh.append("rm -rf \"$d/${t##*/}\"\n[ -x \"$d/sky-rt\" ]\n");
        return sh.toString();
    }
}
