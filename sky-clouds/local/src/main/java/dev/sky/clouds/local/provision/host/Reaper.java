package dev.sky.clouds.local.provision.host;

import dev.sky.clouds.local.provision.NodeProcesses;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tiny shell loop, detached from the node host, that outlives a {@code kill -9} of the host: once the host's pid
 * is gone it ends every process marked with one of the cluster's node homes (TERM, a grace period, then KILL), and
 * exits. It carries {@link #REAPER_VAR} so that stop and start can find and end it.
 */
public final class Reaper {
    /** Marks a reaper process with its cluster folder. */
    public static final String REAPER_VAR = "SKY_LOCAL_REAPER";

    private static final String SCRIPT = """
            host=$1; interval=$2; grace=$3
            while kill -0 "$host" 2>/dev/null; do sleep "$interval"; done
            marked() {
              if [ -r /proc/self/environ ] && printf 'a\\000' | grep -qz a 2>/dev/null; then
                # One grep over every environ file: a fork per process is too slow on a busy machine.
                grep -lzxF "$SKY_REAPER_MARKS" /proc/[0-9]*/environ 2>/dev/null | while read -r f; do
                  p=${f#/proc/}; p=${p%/environ}
                  [ "$p" = "$$" ] || echo "$p"
                done
              elif [ -r /proc/self/environ ]; then
                for e in /proc/[0-9]*/environ; do
                  p=${e#/proc/}; p=${p%/environ}
                  [ "$p" = "$$" ] && continue
                  if tr '\\000' '\\n' < "$e" 2>/dev/null | grep -qxF "$SKY_REAPER_MARKS"; then echo "$p"; fi
                done
              else
                ps eww -A -o pid=,command= | grep -F "$SKY_REAPER_MARKS" | while read -r p rest; do
                  [ "$p" = "$$" ] || echo "$p"
                done
              fi
            }
            pids=$(marked)
            [ -n "$pids" ] && kill -TERM $pids 2>/dev/null
            sleep "$grace"
            i=0
            while [ $i -lt 50 ]; do
              pids=$(marked)
              [ -z "$pids" ] && break
              kill -KILL $pids 2>/dev/null
              sleep 0.1
              i=$((i + 1))
            done
            """;

    private Reaper() {}

    /**
     * Starts the reaper for a host.
     *
     * @param hostPid the node host's pid
     * @param clusterDir the cluster folder (the reaper's own mark)
     * @param nodeHomes the homes whose processes it ends
     * @param pollSeconds how often it checks the host
     * @param graceSeconds time between TERM and KILL
     * @param path PATH for the loop's tools
     */
    public static Process start(long hostPid, Path clusterDir, List<Path> nodeHomes, double pollSeconds,
                                double graceSeconds, String path) throws IOException {
        List<String> argv = new ArrayList<>();
        String setsid = findSetsid(path);
        if (setsid != null) {
            argv.add(setsid);
        }
        argv.addAll(List.of("/bin/sh", "-c", SCRIPT, "sky-local-reaper", Long.toString(hostPid),
                seconds(pollSeconds), seconds(graceSeconds)));
        ProcessBuilder pb = new ProcessBuilder(argv);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", path);
        env.put(REAPER_VAR, clusterDir.toString());
        StringBuilder marks = new StringBuilder();
        for (Path home : nodeHomes) {
            marks.append(marks.length() == 0 ? "" : "\n").append(NodeProcesses.NODE_HOME_VAR).append('=').append(home);
        }
        env.put("SKY_REAPER_MARKS", marks.toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    /** {@code setsid} from PATH, or null where there is none (macOS). */
    public static String findSetsid(String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && new File(dir, "setsid").canExecute()) {
                return new File(dir, "setsid").getPath();
            }
        }
        return null;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0.01, s));
    }
}
