package dev.sky.provision.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a remote command's standard input. It runs on its own thread while output is read, so it may stream
 * without bound (a tar archive) and may wait for output first. End of input is sent when it returns.
 */
@FunctionalInterface
public interface StdinSource {

    void writeTo(OutputStream stdin) throws IOException;

    static StdinSource of(byte[] bytes) {
        return out -> out.write(bytes);
    }

    static StdinSource of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    static StdinSource ofFile(Path file) {
        return out -> Files.copy(file, out);
    }
}
