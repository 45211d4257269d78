package dev.sky.provision.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits output into lines (UTF-8, without the line ending; a trailing CR is dropped too) and hands each whole line to a
 * consumer. Lines of any length stay intact: bytes are held until the newline arrives, so a multi-byte character split
 * across chunks is decoded correctly.
 */
public final class LineSink implements OutputSink {
    private final Consumer<String> lines;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);

    public LineSink(Consumer<String> lines) {
        this.lines = lines;
    }

    @Override
    public void accept(byte[] buffer, int offset, int length) {
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            if (buffer[i] == '\n') {
                pending.write(buffer, start, i - start);
                emit();
                start = i + 1;
            }
        }
        pending.write(buffer, start, end - start);
    }

    @Override
    public void finish() {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() {
        byte[] bytes = pending.toByteArray();
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        pending.reset();
        lines.accept(new String(bytes, 0, len, StandardCharsets.UTF_8));
    }
}
