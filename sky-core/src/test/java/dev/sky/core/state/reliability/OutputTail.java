package dev.sky.core.state.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a child's output file as it grows, complete lines only. Children write to a file rather than a pipe: a pipe's
 * reader races the JDK's own drain when the child is killed ("Stream closed"), and a file keeps every byte written
 * before the kill. A trailing line without its newline was cut by the kill and is never returned.
 */
final class OutputTail {
    private final Path file;
    private long position;
    private final StringBuilder partial = new StringBuilder();

    OutputTail(Path file) {
        this.file = file;
    }

    /** The lines completed since the last call. */
    List<String> newLines() {
        List<String> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            for (int n = ch.read(buf, position); n > 0; n = ch.read(buf, position)) {
                position += n;
                partial.append(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
                buf.clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int nl = partial.indexOf("\n"); nl >= 0; nl = partial.indexOf("\n")) {
            out.add(partial.substring(0, nl));
            partial.delete(0, nl + 1);
        }
        return out;
    }
}
