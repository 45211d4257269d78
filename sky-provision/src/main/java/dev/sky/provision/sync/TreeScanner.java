package dev.sky.provision.sync;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Lists a local tree as a {@link Manifest}, leaving out what the ignore files say and always {@code .git}. One
 * {@code lstat} per path; symbolic links are recorded as links, never followed; sockets and devices are skipped.
 */
public final class TreeScanner {
    private final IgnoreFiles ignoreFiles;

    public TreeScanner(IgnoreFiles ignoreFiles) {
        this.ignoreFiles = ignoreFiles;
    }

    /** Scans the folder {@code root}; entry paths are relative to it. */
    public Manifest scanDirectory(Path root) {
        Map<String, ManifestEntry> entries = new HashMap<>();
        IgnoreStack stack = new IgnoreStack();
        try {
            walk(root, root, "", stack, entries);
        } catch (IOException | UncheckedIOException e) {
            throw new SkyException(ExitCode.GENERIC, "Cannot read " + root + " to sync it: " + e.getMessage(), e);
        }
        return new Manifest("local", entries);
    }

    /** A manifest holding one file, named {@code name} (a single-file file mount). */
    public static Manifest scanFile(Path file, String name) {
        try {
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
            return new Manifest("local", Map.of(name, new ManifestEntry(name, ManifestEntry.Type.FILE,
                    mode(a.permissions()), a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), null)));
        } catch (IOException e) {
            throw new SkyException(ExitCode.GENERIC, "Cannot read " + file + " to sync it: " + e.getMessage(), e);
        }
    }

    private void walk(Path root, Path dir, String relDir, IgnoreStack stack, Map<String, ManifestEntry> out) throws IOException {
        boolean pushed = stack.push(relDir, ignoreFiles.rulesFor(root, dir, relDir));
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            for (Path child : listing) {
                children.add(child);
            }
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (name.equals(".git")) {
                continue;
            }
            String rel = relDir.isEmpty() ? name : relDir + "/" + name;
            PosixFileAttributes a;
            try {
                a = Files.readAttributes(child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException gone) {
                continue; // removed while we looked
            }
            boolean isDir = a.isDirectory();
            if (stack.ignored(rel, isDir)) {
                continue;
            }
            int mode = mode(a.permissions());
            if (isDir) {
                out.put(rel, new ManifestEntry(rel, ManifestEntry.Type.DIRECTORY, mode, 0, 0, null));
                walk(root, child, rel, stack, out);
            } else if (a.isSymbolicLink()) {
                out.put(rel, new ManifestEntry(rel, ManifestEntry.Type.SYMLINK, 0777, 0,
                        a.lastModifiedTime().to(TimeUnit.NANOSECONDS), Files.readSymbolicLink(child).toString()));
            } else if (a.isRegularFile()) {
                out.put(rel, new ManifestEntry(rel, ManifestEntry.Type.FILE, mode, a.size(),
                        a.lastModifiedTime().to(TimeUnit.NANOSECONDS), null));
            }
        }
        if (pushed) {
            stack.pop();
        }
    }

    static int mode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }
}
