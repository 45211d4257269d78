package dev.sky.optimizer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which file a cloud's catalog comes from: a user's file in SKY_HOME wins over the bundled resource. The bundled
 * files are the repository's, put on a real class path the way a cloud module's jar carries them.
 */
class CatalogForCloudTest {
    @TempDir
    Path home;
    @TempDir
    Path classpath;

    private SkyPaths paths;
    private URLClassLoader bundled;

    @BeforeEach
    void setUp() throws IOException {
        paths = new SkyPaths(home.resolve("skyhome"), home);
        for (String cloud : List.of("aws", "gcp", "azure")) {
            Path target = classpath.resolve("catalogs").resolve(cloud);
            Files.createDirectories(target);
            Files.copy(Path.of("../catalogs", cloud, "vms.csv"), target.resolve("vms.csv"));
            Files.copy(Path.of("../catalogs", cloud, "images.csv"), target.resolve("images.csv"));
        }
        bundled = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, null);
    }

    @AfterEach
    void tearDown() throws IOException {
        bundled.close();
    }

    @Test
    void usesTheBundledCatalogWhenTheUserHasNone() throws IOException {
        Catalog catalog = CatalogLoader.forCloud("aws", paths, bundled);
        assertThat(catalog.source()).isEqualTo("bundled");
        assertThat(catalog.rows()).hasSize(CatalogLoader.load("aws", Path.of("../catalogs/aws/vms.csv")).rows().size());
        assertThat(catalog.date()).isNotNull();
        assertThat(Files.exists(paths.home())).as("loading writes nothing under SKY_HOME").isFalse();
    }

    @Test
    void aUserFileInSkyHomeOverridesTheBundledOne() throws IOException {
        Path user = paths.userCatalog("aws");
        Files.createDirectories(user.getParent());
        Files.writeString(user, "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,"
                + "Region,AvailabilityZone,Arch\nm6i.large,,,2.0,8.0,,0.5,0.2,us-east-1,use1-az1,x86_64\n");
        Catalog catalog = CatalogLoader.forCloud("aws", paths, bundled);
        assertThat(catalog.source()).isEqualTo(user.toString());
        assertThat(catalog.rows()).singleElement().satisfies(r -> {
            assertThat(r.price()).isEqualTo(0.5);
            assertThat(r.zone()).isEqualTo("use1-az1");
        });
        assertThat(CatalogLoader.forCloud("gcp", paths, bundled).source()).as("other clouds keep theirs")
                .isEqualTo("bundled");
    }

    @Test
    void aChangedUserFileIsReadAgain() throws IOException {
        Path user = paths.userCatalog("azure");
        Files.createDirectories(user.getParent());
        Files.writeString(user, "InstanceType,Price,Region\nStandard_D2s_v5,0.096,eastus\n");
        FileTime first = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(user, first);
        assertThat(CatalogLoader.forCloud("azure", paths, bundled).rows()).singleElement()
                .satisfies(r -> assertThat(r.price()).isEqualTo(0.096));

        Files.writeString(user, "InstanceType,Price,Region\nStandard_D2s_v5,0.123,eastus\n");
        Files.setLastModifiedTime(user, FileTime.fromMillis(first.toMillis() + 60_000));
        assertThat(CatalogLoader.forCloud("azure", paths, bundled).rows()).singleElement()
                .satisfies(r -> assertThat(r.price()).isEqualTo(0.123));
    }

    @Test
    void aMalformedUserFileFailsWithItsPathLineAndColumn() throws IOException {
        Path user = paths.userCatalog("gcp");
        Files.createDirectories(user.getParent());
        Files.writeString(user, "InstanceType,vCPUs,MemoryGiB,Region,AvailabilityZone,Price\n"
                + "n2-standard-8,8.0,32.0,us-central1,us-central1-a,0.38\n"
                + "n2-standard-16,sixteen,64.0,us-central1,us-central1-a,0.77\n");
        List<Path> before;
        try (Stream<Path> files = Files.walk(paths.home())) {
            before = files.toList();
        }
        assertThatThrownBy(() -> CatalogLoader.forCloud("gcp", paths, bundled))
                .isInstanceOfSatisfying(SkyException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessage(user + ":3:16: vCPUs 'sixteen' is not a number");
        try (Stream<Path> files = Files.walk(paths.home())) {
            assertThat(files.toList()).as("nothing written").isEqualTo(before);
        }
    }

    @Test
    void noCatalogAnywhereIsAClearError() {
        assertThatThrownBy(() -> CatalogLoader.forCloud("nocloud", paths, bundled))
                .isInstanceOf(SkyException.class)
                .hasMessageContaining("no price catalog for nocloud")
                .hasMessageContaining(paths.userCatalog("nocloud").toString());
    }

    @Test
    void imageAliasesComeFromTheBundledFileOrTheUsersOverride() throws IOException {
        ImageCatalog images = ImageCatalogLoader.forCloud("aws", paths, bundled);
        assertThat(images.source()).isEqualTo("bundled");
        assertThat(images.imageId("skypilot:gpu-ubuntu-2204", "us-east-1")).get().asString()
                .startsWith("resolve:ssm:/aws/service/");

        Path user = paths.userCatalog("aws").resolveSibling("images.csv");
        Files.createDirectories(user.getParent());
        Files.writeString(user, "Tag,Region,ImageId\nskypilot:gpu-ubuntu-2204,us-east-1,ami-0123456789abcdef0\n");
        ImageCatalog overridden = ImageCatalogLoader.forCloud("aws", paths, bundled);
        assertThat(overridden.imageId("skypilot:gpu-ubuntu-2204", "US-EAST-1")).contains("ami-0123456789abcdef0");
        assertThat(overridden.imageId("skypilot:gpu-ubuntu-2204", "us-west-2")).isEmpty();

        Files.writeString(user, "Tag,Region,ImageId\nskypilot:x,,ami-1\n");
        assertThatThrownBy(() -> ImageCatalogLoader.forCloud("aws", paths, bundled))
                .isInstanceOf(SkyException.class).hasMessage(user + ":2:12: Region is empty");
    }
}
