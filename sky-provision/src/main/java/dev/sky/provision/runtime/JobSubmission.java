package dev.sky.provision.runtime;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A job to submit to a cluster's head node, and the script that does it in one SSH round trip: run
 * {@link RuntimeCommands#submit()} and send {@link #script(String)} on its stdin. The script writes the job
 * folder (spec, setup.sh, run.sh and the 0600 env file) and calls {@code sky-rt submit}, which prints the job id.
 * Envs and secrets travel only on stdin and into the 0600 file: never on a command line.
 *
 * @param spec the job's spec
 * @param envs the task's envs, exported to setup and run
 * @param secrets the task's secrets, exported like envs (secrets win on a name clash)
 * @param setup the setup script, or null
 * @param run the run script, or null
 */
public record JobSubmission(JobSpec spec, Map<String, String> envs, Map<String, String> secrets, String setup,
        String run) {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final SecureRandom RANDOM = new SecureRandom();

    public JobSubmission {
        envs = envs == null ? Map.of() : new LinkedHashMap<>(envs);
        secrets = secrets == null ? Map.of() : new LinkedHashMap<>(secrets);
        for (String name : envs.keySet()) {
            checkName(name);
        }
        for (String name : secrets.keySet()) {
            checkName(name);
        }
    }

    private static void checkName(String name) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid environment variable name: " + name);
        }
    }

    /** The env file: one {@code export NAME='value'} line per variable, envs first, then secrets. */
    public String envFile() {
        StringBuilder s = new StringBuilder();
        Map<String, String> all = new LinkedHashMap<>(envs);
        all.putAll(secrets);
        all.forEach((k, v) -> s.append("export ").append(k).append('=')
                .append("'").append(v == null ? "" : v.replace("'", "'\\''")).append("'\n"));
        return s.toString();
    }

    /** The stdin of {@link RuntimeCommands#submit()}. Holds secrets: never log it. */
    public String script(String cluster) {
        RuntimeCommands.checkCluster(cluster);
        String end = "__SKY_JOB_" + HexFormat.of().formatHex(randomBytes()) + "__";
        StringBuilder sh = new StringBuilder();
        sh.append("set -e\numask 077\n");
        sh.append("u=\"$HOME/.sky/clusters/").append(cluster).append("/node-0/uploads\"\n");
        sh.append("mkdir -p \"$u\"\nd=\"$u/job.$$\"\nrm -rf \"$d\"\nmkdir \"$d\"\n");
        file(sh, "spec", spec.render(), end);
        file(sh, "env", envFile(), end);
        if (setup != null) {
            file(sh, "setup.sh", setup, end);
        }
        if (run != null) {
            file(sh, "run.sh", run, end);
        }
        sh.append("exec sh \"$HOME/.sky/runtime/").append(NodeRuntime.version()).append("/sky-rt\" -c ")
                .append(ShellQuote.quote(cluster)).append(" submit \"$d\"\n");
        return sh.toString();
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return b;
    }

    private static void file(StringBuilder sh, String name, String text, String end) {
        if (text.lines().anyMatch(end::equals)) {
            throw new IllegalStateException("a job file contains the random heredoc delimiter; submit again");
        }
        sh.append("cat > \"$d/").append(name).append("\" <<'").append(end).append("'\n").append(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            sh.append('\n');
        }
        sh.append(end).append('\n');
    }

    @Override
    public String toString() {
        return "JobSubmission[spec=" + spec + ", envs=" + envs.keySet() + ", secrets=" + secrets.keySet()
                + " (values hidden)]";
    }
}
