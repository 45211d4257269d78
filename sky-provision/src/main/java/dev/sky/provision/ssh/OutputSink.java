package dev.sky.provision.ssh;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Receives a remote command's output as it arrives, in chunks of bytes. A chunk may end in the middle of a line or of a
 * multi-byte character; {@link LineSink} reassembles lines. Each sink is fed from one thread at a time.
 */
public interface OutputSink {

    /** One chunk, exactly as read from the channel. The array is reused after the call returns. */
    void accept(byte[] buffer, int offset, int length) throws IOException;

    /** The stream has ended: flush anything held back (a last line without a newline). */
    default void finish() throws IOException {}

    /** Drops everything. */
    static OutputSink discard() {
        return (buffer, offset, length) -> {};
    }

    /** Copies to the given stream and flushes it after each chunk, so output shows as it arrives. */
    static OutputSink to(OutputStream out) {
        return new OutputSink() {
            @Override
            public void accept(byte[] buffer, int offset, int length) throws IOException {
                out.write(buffer, offset, length);
                out.flush();
            }

            @Override
            public void finish() throws IOException {
                out.flush();
            }
        };
    }
}
