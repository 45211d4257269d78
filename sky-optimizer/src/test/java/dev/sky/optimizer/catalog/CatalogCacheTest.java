package dev.sky.optimizer.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.SkyPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binary cache of large user catalogs: same rows as the CSV, private files, never stale, never trusted blindly. */
class CatalogCacheTest {
    @TempDir
    Path home;

    private SkyPaths paths;
    private Path user;
    private final ClassLoader noBundled = new ClassLoader(null) {};

    @BeforeEach
    void setUp() throws IOException {
        paths = new SkyPaths(home.resolve("skyhome"), home);
        user = paths.userCatalog("aws");
        Files.createDirectories(user.getParent());
        writeCatalog(0.5);
        CatalogLoader.forgetLoaded();
    }

    /** A SkyPilot-layout AWS file past the cache threshold, with zone IDs, GpuInfo, an empty spot and NaN fields. */
    private void writeCatalog(double basePrice) throws IOException {
        StringBuilder csv = new StringBuilder("# user catalog as of 2026-10-01\n"
                + "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,"
                + "AvailabilityZone,Arch\n");
        for (int i = 0; csv.length() < CatalogLoader.CACHE_MIN_BYTES + 10_000; i++) {
            String zone = "use1-az" + (i % 6);
            csv.append("p3.").append(i).append("xlarge,V100,1.0,8.0,61.0,\"{'Gpus': [{'Name': 'V100', "
                    + "'Manufacturer': 'NVIDIA', 'Count': 1, 'MemoryInfo': {'SizeInMiB': 16384}}]}\",")
                    .append(basePrice + i / 1000.0).append(',').append(i % 7 == 0 ? "" : "0.25").append(",us-east-1,")
                    .append(zone).append(",x86_64\n");
            csv.append("m6i.").append(i).append("xlarge,,,,,,").append(basePrice / 4).append(",0.05,eu-west-1,")
                    .append("euw1-az1,x86_64\n");
        }
        Files.writeString(user, csv);
    }

    private Path entry() {
        return new CatalogCache(paths.catalogCache()).entryFor("aws", user);
    }

    @Test
    void aCachedCatalogHasExactlyTheRowsOfTheCsv() throws IOException {
        Catalog parsed = CatalogLoader.forCloud("aws", paths, noBundled);
        assertThat(Files.exists(entry())).isTrue();

        CatalogLoader.forgetLoaded();
        Catalog cached = CatalogLoader.forCloud("aws", paths, noBundled);
        assertThat(cached).isNotSameAs(parsed);
        assertThat(cached).isEqualTo(parsed);
        assertThat(cached).isEqualTo(CatalogLoader.load("aws", user));
        assertThat(cached.date()).isEqualTo("2026-10-01");
        assertThat(cached.rows().get(0).zone()).isEqualTo("use1-az0");
        assertThat(cached.rows().get(0).spotPrice()).isNaN();
    }

    @Test
    void theCacheIsPrivateToTheUser() throws IOException {
        CatalogLoader.forCloud("aws", paths, noBundled);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(paths.catalogCache())))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry()))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(paths.catalogCache())) {
            assertThat(files).as("no temporary files left").containsExactly(entry());
        }
    }

    @Test
    void anEditedCsvWinsOverItsCache() throws IOException {
        FileTime before = Files.getLastModifiedTime(user);
        assertThat(CatalogLoader.forCloud("aws", paths, noBundled).rows().get(0).price()).isEqualTo(0.5);

        writeCatalog(0.75);
        Files.setLastModifiedTime(user, FileTime.fromMillis(before.toMillis() + 5_000));
        CatalogLoader.forgetLoaded();
        assertThat(CatalogLoader.forCloud("aws", paths, noBundled).rows().get(0).price()).isEqualTo(0.75);
    }

    @Test
    void aDamagedCacheIsIgnoredAndRewritten() throws IOException {
        Catalog parsed = CatalogLoader.forCloud("aws", paths, noBundled);
        byte[] good = Files.readAllBytes(entry());

        Files.write(entry(), java.util.Arrays.copyOf(good, good.length / 2));
        CatalogLoader.forgetLoaded();
        assertThat(CatalogLoader.forCloud("aws", paths, noBundled)).isEqualTo(parsed);
        assertThat(Files.readAllBytes(entry())).isEqualTo(good);

        byte[] garbage = good.clone();
        for (int i = 8; i < 64; i++) {
            garbage[i] = (byte) 0xff;
        }
        Files.write(entry(), garbage);
        CatalogLoader.forgetLoaded();
        assertThat(CatalogLoader.forCloud("aws", paths, noBundled)).isEqualTo(parsed);
    }

    @Test
    void smallUserFilesAreNotCached() throws IOException {
        Files.writeString(user, "InstanceType,Price,Region\nm6i.large,0.096,us-east-1\n");
        CatalogLoader.forCloud("aws", paths, noBundled);
        assertThat(Files.exists(paths.catalogCache())).isFalse();
    }
}
