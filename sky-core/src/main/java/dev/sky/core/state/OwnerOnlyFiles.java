package dev.sky.core.state;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders 0700 and files 0600, set explicitly after creation so the user's umask cannot widen them.
 * On file systems without POSIX permissions this does nothing.
 */
public final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {}

    /** Creates the folder (and parents) if needed and makes it 0700. */
    public static Path directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (posix(dir.getParent() == null ? dir : nearestExisting(dir))) {
                Files.createDirectories(dir, attribute(DIR));
            } else {
                Files.createDirectories(dir);
            }
        }
        restrict(dir, DIR);
        return dir;
    }

    /** Creates the file empty if missing and makes it 0600. */
    public static Path file(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                if (posix(file.getParent())) {
                    Files.createFile(file, attribute(FILE));
                } else {
                    Files.createFile(file);
                }
            } catch (FileAlreadyExistsException raced) {
                // another process created it first: fine, the mode is set below
            }
        }
        restrict(file, FILE);
        return file;
    }

    /** Makes an existing file 0600; a missing file is left alone. */
    public static void restrictIfExists(Path file) throws IOException {
        if (Files.exists(file)) {
            restrict(file, FILE);
        }
    }

    /**
     * Replaces the file's content in one step: the text goes to a 0600 sibling first, which is then moved over the
     * file, so a crash leaves the old content or the new, never half of it. The folder is created 0700 if missing.
     */
    public static void replaceAtomically(Path file, CharSequence text) throws IOException {
        directory(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        file(tmp);
        Files.writeString(tmp, text, java.nio.charset.StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path p, Set<PosixFilePermission> perms) throws IOException {
        if (posix(p) && !Files.getPosixFilePermissions(p).equals(perms)) {
            Files.setPosixFilePermissions(p, perms);
        }
    }

    private static boolean posix(Path p) {
        return p != null && p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static Path nearestExisting(Path p) {
        Path cur = p;
        while (cur != null && !Files.exists(cur)) {
            cur = cur.getParent();
        }
        return cur == null ? p : cur;
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> perms) {
        return PosixFilePermissions.asFileAttribute(perms);
    }
}
