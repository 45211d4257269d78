// Times TreeSync against a real sshd: a first sync, then a sync with nothing changed, then one after touching a
// file. Run by run.sh; not a test. Usage: java -cp CP SyncBench.java HOST PORT USER KEY KNOWN_HOSTS SRC DEST SKY_HOME
import dev.sky.provision.ssh.HostKeyPin;
import dev.sky.provision.ssh.NodeRunner;
import dev.sky.provision.ssh.SshOptions;
import dev.sky.provision.ssh.SshTarget;
import dev.sky.provision.sync.IgnoreFiles;
import dev.sky.provision.sync.LocalManifestStore;
import dev.sky.provision.sync.SyncRequest;
import dev.sky.provision.sync.SyncStats;
import dev.sky.provision.sync.TreeSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

public class SyncBench {
    public static void main(String[] a) throws Exception {
        long start = System.nanoTime();
        SshTarget target = new SshTarget(a[0], Integer.parseInt(a[1]), a[2], Path.of(a[3]), new HostKeyPin.KnownHosts(Path.of(a[4])));
        Path src = Path.of(a[5]);
        String mode = a.length > 8 ? a[8] : "all";
        try (NodeRunner node = new NodeRunner(target, SshOptions.defaults())) {
            TreeSync sync = new TreeSync(node, LocalManifestStore.under(Path.of(a[7])));
            SyncRequest req = new SyncRequest(src, a[6], "bench", IgnoreFiles.NONE);
            long t0 = System.nanoTime();
            node.connect();
            report("connect", t0, null);
            if (mode.equals("noop")) {
                t0 = System.nanoTime();
                report("sync-nothing-changed", t0, sync.sync(req));
            } else {
                t0 = System.nanoTime();
                report("sync-first", t0, sync.sync(req));
                t0 = System.nanoTime();
                report("sync-nothing-changed", t0, sync.sync(req));
                Path one = Files.list(Files.list(src).findFirst().orElseThrow()).findFirst().orElseThrow();
                Files.setLastModifiedTime(one, FileTime.fromMillis(System.currentTimeMillis()));
                t0 = System.nanoTime();
                report("sync-one-touched", t0, sync.sync(req));
            }
        }
        report("jvm-total", start, null);
    }

    private static void report(String what, long t0, SyncStats s) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("%-22s %6d ms%s%n", what, ms, s == null ? "" : String.format("  files=%d bytes=%d archive=%d scanned=%d",
                s.filesSent(), s.bytesSent(), s.archiveBytes(), s.pathsScanned()));
    }
}
