package dev.sky.cli.it;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import dev.sky.cli.testing.MiniJson;
import dev.sky.cli.testing.SkyProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sky check with fake credentials in a temp HOME, and show-gpus, on the packaged distribution. */
class CheckAndShowGpusIT {
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path dir;
    SkyProcess sky;

    @BeforeEach
    void setUp() {
        sky = new SkyProcess(dir);
    }

    @Test
    void checkWithoutCredentialsDisablesCloudsWithReasonsAndHints() {
        CommandResult r = sky.run("check");
        assertThat(r).succeeded().outContains("Checking credentials...", "  AWS: disabled", "    Reason: ",
                "    Hint: ");
    }

    @Test
    @SuppressWarnings("unchecked")
    void checkFindsFakeAwsCredentialsAndNeverShowsTheSecret() throws IOException {
        // sky check confirms credentials with STS: the EC2 emulator answers it on loopback.
        try (dev.sky.clouds.aws.emulator.Ec2Emulator sts = dev.sky.clouds.aws.emulator.Ec2Emulator.startFast()) {
            sky.env("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
            checkFindsFakeAwsCredentials(sts.options().accessKeyId());
        }
    }

    @SuppressWarnings("unchecked")
    private void checkFindsFakeAwsCredentials(String accessKeyId) throws IOException {
        Path aws = Files.createDirectories(sky.home().resolve(".aws"));
        Files.writeString(aws.resolve("credentials"),
                "[default]\naws_access_key_id = " + accessKeyId + "\naws_secret_access_key = " + SECRET + "\n");
        CommandResult r = sky.run("check", "-v");
        assertThat(r).succeeded().outContains("  AWS: enabled [compute", "Enabled infra:");
        assertThat(r.stdout() + r.stderr()).doesNotContain(SECRET);

        CommandResult json = sky.run("check", "aws", "--json");
        assertThat(json).succeeded();
        List<Map<String, Object>> clouds = (List<Map<String, Object>>) (List<?>) MiniJson.object(json.stdout())
                .get("clouds");
        assertThat(clouds).hasSize(1);
        assertThat(clouds.get(0)).containsEntry("cloud", "aws").containsEntry("enabled", true)
                .containsKeys("capabilities", "reason", "hint", "identity");
        assertThat(json.stdout()).doesNotContain(SECRET);
        Path db = sky.skyHome().resolve("state.db");
        assertThat(Files.exists(db)).isTrue();
        assertThat(new String(Files.readAllBytes(db), StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);

        // The cached enabled set is what planning uses: AWS is no longer marked as not enabled.
        Path yaml = Files.writeString(dir.resolve("t.yaml"), "resources:\n  infra: aws\n  accelerators: V100:1\n");
        assertThat(sky.run("launch", "--dryrun", yaml.toString())).succeeded().outContains(" AWS (")
                .outDoesNotContain("not enabled");
    }

    @Test
    void checkOfAnUnknownCloudIsInvalidInput() {
        assertThat(sky.run("check", "awz")).exitedWith(2).errIsOneLine().errContains("aws");
    }

    @Test
    void showGpusA100ListsOffersOfAllThreeClouds() {
        CommandResult r = sky.run("show-gpus", "A100");
        assertThat(r).succeeded().outContains("GPU", "QTY", "CLOUD", "INSTANCE_TYPE", "DEVICE_MEM", "vCPUs",
                "HOST_MEM", "HOURLY_PRICE", "HOURLY_SPOT_PRICE", "REGION");
        List<String> rows = r.stdout().lines().filter(l -> l.startsWith("A100")).toList();
        assertThat(rows).anyMatch(l -> l.contains(" AWS ")).anyMatch(l -> l.contains(" GCP "))
                .anyMatch(l -> l.contains(" Azure "));
        assertThat(rows).anyMatch(l -> l.contains("(attachable)"));
        assertThat(r.stdout()).containsPattern("\\$ \\d+\\.\\d{3}");
    }

    @Test
    void showGpusWithoutANameListsCommonGpusAndQuantities() {
        assertThat(sky.run("show-gpus")).succeeded().outContains("COMMON_GPU", "AVAILABLE_QUANTITIES", "V100",
                "Hint: use -a/--all");
        assertThat(sky.run("show-gpus", "--all")).succeeded().outContains("OTHER_GPU");
    }

    @Test
    void showGpusFiltersByInfraAndQuantity() {
        CommandResult r = sky.run("show-gpus", "V100:4", "--infra", "aws");
        assertThat(r).succeeded();
        assertThat(r.stdout().lines().filter(l -> l.startsWith("V100"))).isNotEmpty()
                .allMatch(l -> l.matches("V100\\s+4\\s+AWS\\s.*"));
    }

    @Test
    void showGpusRejectsContradictoryFlags() {
        assertThat(sky.run("show-gpus", "--region", "us-east-1")).exitedWith(2).errIsOneLine().errContains("--region");
        assertThat(sky.run("show-gpus", "A100", "--all")).exitedWith(2).errIsOneLine().errContains("--all");
        assertThat(sky.run("show-gpus", "A100:zero")).exitedWith(2).errIsOneLine().errContains("positive integer");
    }
}
