package dev.sky.provision.sync;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Lets one thread build the archive (reading local files) while another pushes it through SSH (which encrypts on the
 * writing thread), so the two overlap. Chunks are 256 KiB; at most 8 wait in between.
 */
final class ArchivePipe {
    private static final int CHUNK = 256 * 1024;
    private static final byte[] END = new byte[0];

    /** Builds the archive into the stream it is given. */
    interface Producer {
        void writeTo(OutputStream out) throws IOException;
    }

    private ArchivePipe() {}

    /** Runs {@code producer} on a new thread and copies what it writes to {@code out} on this one. */
    static void run(Producer producer, OutputStream out) throws IOException {
        BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(8);
        IOException[] failure = new IOException[1];
        Thread thread = new Thread(() -> {
            try (ChunkStream chunks = new ChunkStream(queue)) {
                producer.writeTo(chunks);
            } catch (InterruptedIOException e) {
                // The consumer gave up; it reports why.
            } catch (IOException | RuntimeException e) {
                failure[0] = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                queue.clear();
                queue.offer(END);
            }
        }, "sky-sync-archive");
        thread.setDaemon(true);
        thread.start();
        try {
            while (true) {
                byte[] chunk = queue.take();
                if (chunk == END) {
                    break;
                }
                out.write(chunk);
            }
            thread.join();
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while sending the archive");
        } catch (IOException e) {
            thread.interrupt();
            throw e;
        }
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /** Collects writes into chunks and queues each full chunk; close queues the rest and the end marker. */
    private static final class ChunkStream extends OutputStream {
        private final BlockingQueue<byte[]> queue;
        private byte[] buf = new byte[CHUNK];
        private int used;

        ChunkStream(BlockingQueue<byte[]> queue) {
            this.queue = queue;
        }

        @Override
        public void write(int b) throws IOException {
            if (used == buf.length) {
                ship();
            }
            buf[used++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (used == buf.length) {
                    ship();
                }
                int n = Math.min(len, buf.length - used);
                System.arraycopy(b, off, buf, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void close() throws IOException {
            if (used > 0) {
                ship();
            }
            put(END);
        }

        private void ship() throws IOException {
            byte[] full = used == buf.length ? buf : Arrays.copyOf(buf, used);
            put(full);
            buf = new byte[CHUNK];
            used = 0;
        }

        private void put(byte[] chunk) throws IOException {
            try {
                queue.put(chunk);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Archive sending stopped");
            }
        }
    }
}
