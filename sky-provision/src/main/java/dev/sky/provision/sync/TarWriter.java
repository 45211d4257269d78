package dev.sky.provision.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a tar stream in the POSIX ustar format, adding a pax extended header when a name or link target does not fit
 * ustar's fields (long or non-ASCII) or a file is 8 GiB or larger. GNU tar, bsdtar and busybox tar read it. Owner ids
 * are written as 0 and are not meant to be applied ({@code tar -o} on the node).
 */
public final class TarWriter implements AutoCloseable {
    private static final int BLOCK = 512;
    private static final long USTAR_MAX_SIZE = 077777777777L;

    private final OutputStream out;
    private final byte[] header = new byte[BLOCK];
    private long written;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Bytes written so far, headers and padding included. */
    public long bytesWritten() {
        return written;
    }

    public void directory(String path, int mode, long mtimeSeconds) throws IOException {
        entry(path.endsWith("/") ? path : path + "/", '5', mode, 0, mtimeSeconds, "");
    }

    public void symlink(String path, String target, long mtimeSeconds) throws IOException {
        entry(path, '2', 0777, 0, mtimeSeconds, target);
    }

    /**
     * A regular file of exactly {@code size} bytes. If the content ends early (the file shrank while being sent), the
     * rest is zero-filled so the archive stays valid; the changed modification time makes the next sync resend it.
     *
     * @return the content bytes that came from {@code content}
     */
    public long file(String path, int mode, long mtimeSeconds, long size, InputStream content) throws IOException {
        entry(path, '0', mode, size, mtimeSeconds, "");
        byte[] buf = new byte[64 * 1024];
        long left = size;
        long copied = 0;
        int n;
        while (left > 0 && (n = content.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
            write(buf, 0, n);
            left -= n;
            copied += n;
        }
        Arrays.fill(buf, (byte) 0);
        while (left > 0) {
            int z = (int) Math.min(buf.length, left);
            write(buf, 0, z);
            left -= z;
        }
        pad(size);
        return copied;
    }

    /** Bytes as a file (a manifest, a small control file). */
    public void file(String path, int mode, long mtimeSeconds, byte[] content) throws IOException {
        entry(path, '0', mode, content.length, mtimeSeconds, "");
        write(content, 0, content.length);
        pad(content.length);
    }

    /** Writes the end-of-archive marker (two zero blocks) and flushes; does not close the underlying stream. */
    @Override
    public void close() throws IOException {
        Arrays.fill(header, (byte) 0);
        write(header, 0, BLOCK);
        write(header, 0, BLOCK);
        out.flush();
    }

    private void entry(String path, char type, int mode, long size, long mtime, String link) throws IOException {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        byte[] linkBytes = link.getBytes(StandardCharsets.UTF_8);
        int split = ustarSplit(name, path);
        boolean linkFits = linkBytes.length <= 100 && isAscii(link);
        boolean sizeFits = size <= USTAR_MAX_SIZE;
        if (split < -1 || !linkFits || !sizeFits) {
            StringBuilder pax = new StringBuilder();
            if (split < -1) {
                pax.append(paxRecord("path", path));
            }
            if (!linkFits) {
                pax.append(paxRecord("linkpath", link));
            }
            if (!sizeFits) {
                pax.append(paxRecord("size", Long.toString(size)));
            }
            byte[] body = pax.toString().getBytes(StandardCharsets.UTF_8);
            writeHeader(asciiName("PaxHeaders/" + path), -1, 'x', 0644, body.length, mtime, "");
            write(body, 0, body.length);
            pad(body.length);
        }
        writeHeader(split < -1 ? asciiName(path) : name, split < -1 ? -1 : split, type, mode,
                sizeFits ? size : 0, mtime, linkFits ? link : "");
    }

    /**
     * Where to cut a name into ustar's prefix (155) and name (100) fields: -1 when it fits the name field whole, the
     * index of the cutting '/' when it needs the prefix, or -2 when it does not fit at all (a pax header is needed).
     */
    private static int ustarSplit(byte[] name, String path) {
        if (!isAscii(path)) {
            return -2;
        }
        if (name.length <= 100) {
            return -1;
        }
        for (int i = Math.max(0, name.length - 101); i < Math.min(name.length, 156); i++) {
            if (name[i] == '/' && name.length - i - 1 <= 100 && i <= 155 && i > 0) {
                return i;
            }
        }
        return -2;
    }

    private void writeHeader(byte[] name, int split, char type, int mode, long size, long mtime, String link) throws IOException {
        Arrays.fill(header, (byte) 0);
        if (split >= 0) {
            System.arraycopy(name, split + 1, header, 0, name.length - split - 1);
            System.arraycopy(name, 0, header, 345, split);
        } else {
            System.arraycopy(name, 0, header, 0, Math.min(100, name.length));
        }
        octal(mode & 07777, 100, 8);
        octal(0, 108, 8);
        octal(0, 116, 8);
        octal(size, 124, 12);
        octal(Math.max(0, mtime), 136, 12);
        header[156] = (byte) type;
        byte[] l = link.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(l, 0, header, 157, Math.min(100, l.length));
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 8);
        Arrays.fill(header, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        octal(sum, 148, 7);
        header[155] = ' ';
        write(header, 0, BLOCK);
    }

    /** Zero-padded octal, NUL-terminated, in a field of {@code width} bytes. */
    private void octal(long value, int offset, int width) {
        String s = Long.toOctalString(value);
        int digits = width - 1;
        for (int i = 0; i < digits; i++) {
            int from = s.length() - digits + i;
            header[offset + i] = (byte) (from >= 0 ? s.charAt(from) : '0');
        }
        header[offset + digits] = 0;
    }

    private static String paxRecord(String key, String value) {
        // "<len> key=value\n", where len counts itself.
        int body = key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length + 3;
        int len = body + Integer.toString(body).length();
        if (Integer.toString(len).length() != Integer.toString(body).length()) {
            len++;
        }
        return len + " " + key + "=" + value + "\n";
    }

    private static byte[] asciiName(String path) {
        // The ustar name of an entry that has a pax path: only a fallback for readers without pax support.
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.length() && sb.length() < 99; i++) {
            char c = path.charAt(i);
            sb.append(c < 0x80 ? c : '_');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private void pad(long size) throws IOException {
        int rem = (int) (size % BLOCK);
        if (rem != 0) {
            Arrays.fill(header, (byte) 0);
            write(header, 0, BLOCK - rem);
        }
    }

    private void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        written += len;
    }
}
