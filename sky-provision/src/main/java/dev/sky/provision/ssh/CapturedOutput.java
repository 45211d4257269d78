package dev.sky.provision.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps all output in memory: for short commands whose output is parsed (never for job logs). */
public final class CapturedOutput implements OutputSink {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void accept(byte[] buffer, int offset, int length) {
        bytes.write(buffer, offset, length);
    }

    public synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    public synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
