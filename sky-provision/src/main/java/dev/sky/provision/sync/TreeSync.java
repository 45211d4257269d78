package dev.sky.provision.sync;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.provision.ssh.CapturedOutput;
import dev.sky.provision.ssh.OutputSink;
import dev.sky.provision.ssh.RemoteRunner;
import dev.sky.provision.ssh.Shell;
import dev.sky.provision.ssh.StdinSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Mirrors a local folder or file onto a node, sending only what changed since the last sync.
 *
 * <p>How: the local tree is scanned into a {@link Manifest}; one exec asks the node whether its manifest (under
 * {@code ~/.sky/sync/}) still has the generation of our local copy, and returns the node's manifest if not; the
 * difference is sent as one tar stream over one exec channel ({@code tar -x} on the node), after removing paths that
 * are gone locally. The new manifest travels last in the same archive, so a sync cut short leaves the old manifest in
 * place and the next sync sends the same work again. Nothing changed means one exec and no archive.
 */
public final class TreeSync {
    /** Above this many bytes of quoted paths, removals go in a file rather than on the command line. */
    private static final int INLINE_REMOVAL_LIMIT = 64 * 1024;

    private final RemoteRunner node;
    private final LocalManifestStore store;

    public TreeSync(RemoteRunner node, LocalManifestStore store) {
        this.node = node;
        this.store = store;
    }

    public SyncStats sync(SyncRequest request) {
        return sync(request, SyncListener.NONE);
    }

    public SyncStats sync(SyncRequest request, SyncListener listener) {
        Path source = request.source();
        boolean singleFile;
        if (Files.isDirectory(source)) {
            singleFile = false;
        } else if (Files.isRegularFile(source)) {
            singleFile = true;
        } else {
            throw new SkyException(ExitCode.INVALID_INPUT, "Cannot sync " + source + " to " + request.destination()
                    + ": no such file or folder");
        }
        RemoteTarget target = RemoteTarget.of(request, singleFile);
        Manifest local = singleFile
                ? TreeScanner.scanFile(source, target.fileName())
                : new TreeScanner(request.ignoreFiles() != null ? request.ignoreFiles() : IgnoreFiles.detect(source))
                        .scanDirectory(source);

        Manifest cached = store.load(target.manifestKey());
        Manifest onNode = readNodeManifest(target, cached);
        SyncDiff diff = local.diffFrom(onNode);
        if (diff.isEmpty()) {
            if (cached == null || !cached.generation().equals(onNode.generation())) {
                store.save(target.manifestKey(), onNode);
            }
            return new SyncStats(local.size(), 0, 0, 0, 0);
        }

        Manifest next = local.withGeneration(UUID.randomUUID().toString());
        long bytesPlanned = 0;
        int filesPlanned = 0;
        for (ManifestEntry e : diff.send()) {
            if (e.type() != ManifestEntry.Type.DIRECTORY) {
                filesPlanned++;
                bytesPlanned += e.size();
            }
        }
        listener.planned(filesPlanned, bytesPlanned);

        String removal = removalCommand(target, diff.remove());
        ArchiveSender sender = new ArchiveSender(singleFile ? source.getParent() : source, singleFile ? source : null,
                diff.send(), target.controlFileName(), next, listener);
        CapturedOutput err = new CapturedOutput();
        int code = node.run(RemoteScripts.apply(target, removal), sender, OutputSink.discard(), err);
        if (code != 0) {
            throw new SkyException(ExitCode.GENERIC, "Syncing " + source + " to " + request.destination() + " on "
                    + node.describe() + " failed (exit " + code + "): " + firstLines(err.text()));
        }
        store.save(target.manifestKey(), next);
        return new SyncStats(local.size(), sender.filesSent, sender.bytesSent, sender.archiveBytes, diff.remove().size());
    }

    /**
     * Forgets what was synced under this request's key, on the node and locally, so the next sync sends everything.
     * Call it when something else replaced the destination (a git clone into {@code ~/sky_workdir}, say).
     */
    public void forget(SyncRequest request) {
        String base = RemoteScripts.stateDir() + "/" + request.key();
        node.run("rm -f -- " + Shell.path(base + ".manifest") + " " + Shell.path(base + ".file.manifest"));
        store.forget(request.key());
        store.forget(request.key() + ".file");
    }

    private Manifest readNodeManifest(RemoteTarget target, Manifest cached) {
        CapturedOutput out = new CapturedOutput();
        CapturedOutput err = new CapturedOutput();
        String expected = cached == null ? "none" : cached.header();
        int code = node.run(RemoteScripts.check(target, expected), null, out, err);
        if (code != 0) {
            throw new SkyException(ExitCode.GENERIC, "Could not read the sync state on " + node.describe() + " (exit "
                    + code + "): " + firstLines(err.text()));
        }
        String text = out.text();
        if (text.startsWith("same\n") && cached != null) {
            return cached;
        }
        if (text.startsWith("differ\n")) {
            Manifest parsed = Manifest.parse(text.substring("differ\n".length()));
            if (parsed != null) {
                return parsed;
            }
        }
        return Manifest.empty(); // "missing", or an unreadable manifest: send everything
    }

    private String removalCommand(RemoteTarget target, List<String> paths) {
        if (paths.isEmpty()) {
            return "";
        }
        StringBuilder inline = new StringBuilder("rm -rf --");
        StringBuilder nulList = new StringBuilder();
        for (String p : paths) {
            if (p.startsWith("/") || p.equals("..") || p.startsWith("../") || p.contains("/../") || p.endsWith("/..")) {
                continue; // never from our own scans; refuse to act on a tampered manifest
            }
            inline.append(' ').append(Shell.quote(p));
            nulList.append(p).append('\0');
        }
        if (inline.length() <= INLINE_REMOVAL_LIMIT) {
            return inline.toString();
        }
        String listPath = RemoteScripts.stateDir() + "/" + target.manifestKey() + ".remove";
        node.upload(nulList.toString().getBytes(StandardCharsets.UTF_8), listPath, 0600);
        return "xargs -0 rm -rf -- < " + Shell.path(listPath) + " && rm -f -- " + Shell.path(listPath);
    }

    private static String firstLines(String text) {
        String t = text.strip();
        return t.length() > 2000 ? t.substring(0, 2000) + "..." : t;
    }

    /** Writes the tar archive: changed entries in path order, then the new manifest. */
    private static final class ArchiveSender implements StdinSource {
        private final Path root;
        private final Path singleFile;
        private final List<ManifestEntry> entries;
        private final String controlFileName;
        private final Manifest next;
        private final SyncListener listener;
        private volatile int filesSent;
        private volatile long bytesSent;
        private volatile long archiveBytes;

        ArchiveSender(Path root, Path singleFile, List<ManifestEntry> entries, String controlFileName, Manifest next,
                SyncListener listener) {
            this.root = root;
            this.singleFile = singleFile;
            this.entries = entries;
            this.controlFileName = controlFileName;
            this.next = next;
            this.listener = listener;
        }

        @Override
        public void writeTo(OutputStream stdin) throws IOException {
            ArchivePipe.run(this::writeArchive, stdin);
        }

        private void writeArchive(OutputStream out) throws IOException {
            TarWriter tar = new TarWriter(out);
            for (ManifestEntry e : entries) {
                long mtime = TimeUnit.NANOSECONDS.toSeconds(e.mtimeNanos());
                switch (e.type()) {
                    case DIRECTORY:
                        tar.directory(e.path(), e.mode(), System.currentTimeMillis() / 1000);
                        continue;
                    case SYMLINK:
                        tar.symlink(e.path(), e.linkTarget(), mtime);
                        break;
                    default:
                        Path file = singleFile != null ? singleFile : root.resolve(e.path());
                        bytesSent += sendFile(tar, e, file, mtime);
                }
                filesSent++;
                listener.sent(filesSent, bytesSent);
            }
            tar.file(controlFileName, 0600, System.currentTimeMillis() / 1000, next.toBytes());
            tar.close();
            archiveBytes = tar.bytesWritten();
        }

        private static long sendFile(TarWriter tar, ManifestEntry e, Path file, long mtime) throws IOException {
            InputStream in;
            try {
                in = Files.newInputStream(file);
            } catch (NoSuchFileException gone) {
                in = InputStream.nullInputStream(); // removed since the scan: the next sync removes it on the node
            }
            try (InputStream content = in) {
                return tar.file(e.path(), e.mode(), mtime, e.size(), content);
            }
        }
    }
}
