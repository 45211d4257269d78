import dev.sky.core.SkyPaths;
import dev.sky.provision.storage.BucketUploader;
import dev.sky.provision.storage.ObjectStores;
import dev.sky.provision.storage.UploadPreflight;
import dev.sky.provision.storage.spi.ObjectStore;
import dev.sky.provision.storage.spi.StoreSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Bench only (never packaged): sky's bucket uploader alone, without a launch around it. Uploads SRC into an S3
 * bucket (created when missing) ROUNDS times in one JVM and prints one line per round; round 1 sends everything,
 * later rounds find nothing changed (they trust the upload manifest, as a launch does for a READY bucket; set
 * SKY_STORAGE_RELIST=1 to time the listing path instead). Settings come from SKY_HOME/config.yaml and ~/.aws/credentials, as for sky.
 * Run from the built distribution: {@code java -cp 'sky-cli/target/sky/lib/*' bench/storage/UploadBench.java SRC
 * BUCKET [ROUNDS]}.
 */
public final class UploadBench {
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: UploadBench SRC BUCKET [ROUNDS]");
            System.exit(2);
        }
        Path src = Path.of(args[0]).toAbsolutePath();
        String bucket = args[1];
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        SkyPaths paths = SkyPaths.fromEnv(System.getenv());
        long t0 = System.nanoTime();
        try (ObjectStore store = ObjectStores.open("s3", new StoreSettings(paths, null, null, null,
                System.getenv()))) {
            if (!store.bucketExists(bucket)) {
                store.createBucket(bucket, null);
            }
            System.out.printf(Locale.ROOT, "client ready: %.3f s%n", (System.nanoTime() - t0) / 1e9);
            BucketUploader uploader = new BucketUploader(paths, UploadPreflight.from(System.getenv()),
                    line -> System.out.println("  " + line));
            long l = System.nanoTime();
            int objects = store.list(bucket, "").size();
            System.out.printf(Locale.ROOT, "listing the bucket alone (%d objects): %.3f s%n", objects,
                    (System.nanoTime() - l) / 1e9);
            for (int round = 1; round <= rounds; round++) {
                long t = System.nanoTime();
                // Trusted, as for a bucket whose record is READY: a no-change round needs no listing.
                BucketUploader.Result r = uploader.upload(store, "s3", bucket, "", List.of(src),
                        !"1".equals(System.getenv("SKY_STORAGE_RELIST")));
                double s = (System.nanoTime() - t) / 1e9;
                System.out.printf(Locale.ROOT, "round %d: %.3f s, %d of %d file(s) sent, %s sent, %.1f MB/s%n",
                        round, s, r.uploaded(), r.files(), UploadPreflight.human(r.bytesUploaded()),
                        r.bytesUploaded() / 1048576.0 / s);
            }
        }
        System.out.printf(Locale.ROOT, "total in this JVM: %.3f s%n", (System.nanoTime() - t0) / 1e9);
    }
}
