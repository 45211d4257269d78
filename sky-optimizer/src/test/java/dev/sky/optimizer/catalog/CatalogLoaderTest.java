package dev.sky.optimizer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.ExitCode;
import dev.sky.core.SkyException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader on files in SkyPilot's own layouts, and on malformed files. */
class CatalogLoaderTest {
    @TempDir
    Path dir;

    private static Catalog fixture(String cloud, String name) throws IOException {
        try (InputStream in = CatalogLoaderTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return CatalogLoader.load(cloud, in, name);
        }
    }

    private static Map<String, CatalogRow> byTypeAndZone(Catalog catalog) {
        return catalog.rows().stream().collect(Collectors.toMap(
                r -> (r.attachable() ? r.acceleratorName() : r.instanceType()) + "@" + (r.zone() == null ? r.region()
                        : r.zone()), Function.identity()));
    }

    @Test
    void readsSkyPilotAwsFileWithZoneIdsAndArch() throws IOException {
        Catalog catalog = fixture("aws", "skypilot-aws-vms.csv");
        assertThat(catalog.rows()).hasSize(6);
        assertThat(catalog.date()).isNull();
        Map<String, CatalogRow> rows = byTypeAndZone(catalog);

        CatalogRow t4 = rows.get("g4dn.xlarge@use1-az1");
        assertThat(t4.zone()).as("zone IDs are kept as they are").isEqualTo("use1-az1");
        assertThat(t4.region()).isEqualTo("us-east-1");
        assertThat(t4.acceleratorName()).isEqualTo("T4");
        assertThat(t4.acceleratorCount()).isEqualTo(1.0);
        assertThat(t4.vcpus()).isEqualTo(4.0);
        assertThat(t4.memoryGb()).isEqualTo(16.0);
        assertThat(t4.gpuMemoryGb()).isEqualTo(16.0);
        assertThat(t4.gpuManufacturer()).isEqualTo("NVIDIA");
        assertThat(t4.price()).isEqualTo(0.526);
        assertThat(t4.spotPrice()).isEqualTo(0.2103);

        CatalogRow p4d = rows.get("p4d.24xlarge@use1-az6");
        assertThat(p4d.acceleratorCount()).isEqualTo(8.0);
        assertThat(p4d.gpuMemoryGb()).isEqualTo(40.0);
        assertThat(p4d.spotPrice()).as("an empty SpotPrice is not offered").isNaN();
        assertThat(p4d.price(true)).isNaN();
        assertThat(p4d.price(false)).isEqualTo(21.96);

        assertThat(rows.get("inf2.xlarge@use2-az3").gpuManufacturer()).isEqualTo("AWS");
        CatalogRow cpu = rows.get("a1.large@use1-az4");
        assertThat(cpu.hasAccelerator()).isFalse();
        assertThat(cpu.acceleratorName()).isNull();
        assertThat(cpu.acceleratorCount()).isZero();
        assertThat(cpu.gpuMemoryGb()).isNaN();
        assertThat(cpu.gpuManufacturer()).isNull();

        assertThat(rows.get("g4dn.xlarge@usw2-az2").instanceType())
                .as("repeated names are pooled").isSameAs(t4.instanceType());
    }

    @Test
    void readsAwsFileWithoutArchColumnAndWithCrlfLineEnds() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("skypilot-aws-vms-no-arch-crlf.csv")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("\r\n");
        }
        Catalog catalog = fixture("aws", "skypilot-aws-vms-no-arch-crlf.csv");
        assertThat(catalog.rows()).extracting(CatalogRow::instanceType).containsExactly("p3.2xlarge", "t3.micro");
        CatalogRow p3 = catalog.rows().get(0);
        assertThat(p3.price()).isEqualTo(3.06);
        assertThat(p3.spotPrice()).isEqualTo(0.918);
        assertThat(p3.zone()).isEqualTo("use1-az1");
        assertThat(catalog.rows().get(1).zone()).as("no \\r left at the end of a line").isEqualTo("use1-az2");
    }

    @Test
    void readsSkyPilotGcpFileWithAttachableGpusAndTpus() throws IOException {
        Catalog catalog = fixture("gcp", "skypilot-gcp-vms.csv");
        Map<String, CatalogRow> rows = byTypeAndZone(catalog);

        CatalogRow host = rows.get("a2-highgpu-1g@us-central1-a");
        assertThat(host.hasAccelerator()).as("a GCP host row prices the VM alone").isFalse();
        assertThat(host.vcpus()).isEqualTo(12.0);
        assertThat(rows.get("n1-highcpu-2@europe-west4-b").memoryGb()).isEqualTo(1.8);

        CatalogRow a100 = rows.get("A100@us-central1-a");
        assertThat(a100.attachable()).isTrue();
        assertThat(a100.instanceType()).isEmpty();
        assertThat(a100.acceleratorCount()).isEqualTo(1.0);
        assertThat(a100.vcpus()).isNaN();
        assertThat(a100.memoryGb()).isNaN();
        assertThat(a100.gpuMemoryGb()).as("from the short dict GCP rows carry").isEqualTo(40.0);
        assertThat(a100.gpuManufacturer()).isNull();
        assertThat(rows.get("T4@europe-west4-b").acceleratorCount()).isEqualTo(2.0);

        CatalogRow tpu = rows.get("tpu-v6e-8@us-east5-b");
        assertThat(tpu.attachable()).isTrue();
        assertThat(tpu.acceleratorCount()).isEqualTo(1.0);
        assertThat(tpu.gpuMemoryGb()).isNaN();
        assertThat(tpu.price()).isEqualTo(21.6);
    }

    @Test
    void readsSkyPilotAzureFileWithQuotedGenerationsAndNoZones() throws IOException {
        Catalog catalog = fixture("azure", "skypilot-azure-vms.csv");
        Map<String, CatalogRow> rows = byTypeAndZone(catalog);
        assertThat(catalog.rows()).allSatisfy(r -> assertThat(r.zone()).isNull());

        CatalogRow burstable = rows.get("Standard_B12ms@centralus");
        assertThat(burstable.spotPrice()).isNaN();
        assertThat(burstable.price()).isEqualTo(0.499);
        assertThat(rows.get("Standard_M8ms@eastus").memoryGb()).isEqualTo(218.75);

        CatalogRow a100 = rows.get("Standard_NC24ads_A100_v4@eastus");
        assertThat(a100.acceleratorName()).isEqualTo("A100-80GB");
        assertThat(a100.acceleratorCount()).isEqualTo(1.0);
        assertThat(a100.gpuMemoryGb()).as("Azure's GpuInfo is a bare name").isNaN();
        assertThat(rows.get("Standard_NV36ads_A10_v5@westus3").region()).isEqualTo("westus3");
    }

    @Test
    void takesTheDateFromTheHeaderComment() {
        Catalog catalog = parse("# sky test catalog; written 2020-01-01; public list prices as of 2026-11-01\n"
                + "InstanceType,Price,Region\nm6i.large,0.096,us-east-1\n# a trailing comment\n\n");
        assertThat(catalog.date()).isEqualTo("2026-11-01");
        assertThat(catalog.rows()).hasSize(1);
        assertThat(parse("# prices from 2025-02-03\nInstanceType,Price,Region\n").date()).isEqualTo("2025-02-03");
    }

    @Test
    void unescapesDoubledQuotesAndKeepsLineBreaksInsideQuotes() {
        Catalog catalog = parse("InstanceType,AcceleratorName,AcceleratorCount,Price,Region\n"
                + "\"odd\"\"name\",\"Acc,\nName\",1,1.5,us-east-1\nnext,,,2,us-east-1\n");
        assertThat(catalog.rows().get(0).instanceType()).isEqualTo("odd\"name");
        assertThat(catalog.rows().get(0).acceleratorName()).isEqualTo("Acc,\nName");
        assertThat(catalog.rows().get(1).price()).isEqualTo(2.0);
    }

    @Test
    void ignoresUnknownExtraColumns() {
        Catalog catalog = parse("InstanceType,Price,Region,SomethingNew\nm6i.large,0.096,us-east-1,whatever\n");
        assertThat(catalog.rows().get(0).price()).isEqualTo(0.096);
        assertThat(catalog.rows().get(0).spotPrice()).as("missing optional column").isNaN();
    }

    @Test
    void aBadNumberIsReportedWithFileLineAndColumn() throws IOException {
        Path file = write("InstanceType,Price,SpotPrice,Region\n# note\nm6i.large,0.096,0.03,us-east-1\n"
                + "m6i.xlarge,0.192,cheap,us-east-1\n");
        assertThatThrownBy(() -> CatalogLoader.load("aws", file))
                .isInstanceOfSatisfying(SkyException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessage(file + ":4:18: SpotPrice 'cheap' is not a number");
    }

    @Test
    void otherMalformedFilesAreReportedWhereTheProblemIs() throws IOException {
        assertError("InstanceType,Price,Region\nm6i.large,0.096\n", ":2:1: expected 3 fields as in the header, found 2");
        assertError("InstanceType,Price,Region\nm6i.large,0.096,us-east-1,extra\n", ":2:1: expected 3 fields");
        assertError("InstanceType,Price,Region\nm6i.large,\"0.096,us-east-1\n", ":2:11: a quoted field is never closed");
        assertError("InstanceType,Price,Region\n\"m6i\"x,0.1,us-east-1\n", ":2:6: unexpected text after the closing quote");
        assertError("InstanceType,Price,SpotPrise,Region\n", ":1:20: unknown column 'SpotPrise'; did you mean 'SpotPrice'?");
        assertError("InstanceType,Price,Zone\n", ":1:1: the header has no 'Region' column");
        assertError("# only a comment\n", ":1:1: the catalog is empty");
        assertError("InstanceType,Price,Region\nm6i.large,0.096,\n", ":2:17: Region is empty");
        assertError("InstanceType,AcceleratorName,Price,Region\n,,1.0,us-east-1\n",
                ":2:1: the row has neither an InstanceType nor an AcceleratorName");
        assertError("InstanceType,GpuInfo,Price,Region\np3.2xlarge,\"{'Gpus': [\",3.06,us-east-1\n",
                ":2:12: GpuInfo is not a valid Python literal");
        assertError("InstanceType,Price,Price,Region\n", ":1:20: the header names column 'Price' twice");
    }

    @Test
    void aMissingFileIsInvalidInput() {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> CatalogLoader.load("aws", missing))
                .isInstanceOfSatisfying(SkyException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessage(missing + ": no such catalog file");
    }

    private void assertError(String content, String expected) throws IOException {
        Path file = write(content);
        assertThatThrownBy(() -> CatalogLoader.load("aws", file))
                .isInstanceOfSatisfying(SkyException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessageStartingWith(file + expected);
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "vms", ".csv");
        Files.writeString(file, content);
        return file;
    }

    private static Catalog parse(String content) {
        return CatalogLoader.load("aws", new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), "test");
    }

    @Test
    void rowsKeepFileOrder() {
        Catalog catalog = parse("InstanceType,Price,Region\nb,1,r1\na,2,r2\nc,3,r1\n");
        assertThat(catalog.rows()).extracting(CatalogRow::instanceType).isEqualTo(List.of("b", "a", "c"));
        assertThat(catalog.source()).isEqualTo("test");
        assertThat(catalog.cloud()).isEqualTo("aws");
    }
}
