package dev.sky.clouds.aws.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One file sent as a multipart upload, part by part, each part with its own Content-MD5 so the server checks every
 * byte. Parts are streamed from the file (never held in memory). Any failure aborts the upload, so no invisible
 * parts stay billed in the bucket.
 */
final class S3MultipartUpload {
    /** S3 allows 10,000 parts: 64 MiB parts carry files up to 625 GiB. */
    static final long DEFAULT_PART_SIZE = 64L << 20;
    static final int MAX_PARTS = 10_000;

    private S3MultipartUpload() {}

    /** The part size for a file: {@code partSize}, doubled until the file fits in S3's part count. */
    static long partSizeFor(long fileSize, long partSize) {
        long p = partSize;
        while ((fileSize + p - 1) / p > MAX_PARTS) {
            p *= 2;
        }
        return p;
    }

    static void send(S3Client s3, String bucket, String key, Path file, long size, long partSize) {
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try {
            long part = partSizeFor(size, partSize);
            List<CompletedPart> done = new ArrayList<>();
            for (int n = 1; (long) (n - 1) * part < size; n++) {
                long offset = (long) (n - 1) * part;
                long length = Math.min(part, size - offset);
                String md5 = Base64.getEncoder().encodeToString(md5(file, offset, length));
                int number = n;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(id).partNumber(number)
                                .contentMD5(md5).contentLength(length),
                        RequestBody.fromContentProvider(() -> slice(file, offset, length), length,
                                "application/octet-stream")).eTag();
                done.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(done).build()));
        } catch (RuntimeException e) {
            abort(s3, bucket, key, id, e);
            throw e;
        }
    }

    private static void abort(S3Client s3, String bucket, String key, String id, RuntimeException cause) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id));
        } catch (SdkException e) {
            // The first failure is what the user needs; a failed abort leaves parts a lifecycle rule can expire.
            cause.addSuppressed(e);
        }
    }

    /** {@code length} bytes of {@code file} from {@code offset}, as a fresh stream (the SDK may read twice). */
    private static InputStream slice(Path file, long offset, long length) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ).position(offset);
            InputStream all = Channels.newInputStream(ch);
            return new FilterInputStream(all) {
                private long left = length;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int b = super.read();
                    if (b >= 0) {
                        left--;
                    }
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(buf, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] md5(Path file, long offset, long length) {
        try (DigestInputStream in = new DigestInputStream(slice(file, offset, length),
                MessageDigest.getInstance("MD5"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return in.getMessageDigest().digest();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
