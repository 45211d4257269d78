package dev.sky.cli.it;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sky.cli.testing.CatalogOracle;
import dev.sky.cli.testing.CommandResult;
import dev.sky.cli.testing.MiniJson;
import dev.sky.cli.testing.SkyProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sky launch --dryrun} on the packaged distribution, checked against the bundled catalogs read independently. */
class DryrunIT {
    @TempDir
    Path dir;
    SkyProcess sky;
    Path v100;

    @BeforeEach
    void setUp() throws IOException {
        sky = new SkyProcess(dir);
        v100 = Files.writeString(dir.resolve("v100.yaml"), "name: train\nresources:\n  accelerators: V100:1\nrun: nvidia-smi\n");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonChoosesTheCheapestOfferOfAnyCloud() {
        CommandResult r = sky.run("launch", "--dryrun", "--all-clouds", "--json", v100.toString());
        assertThat(r).succeeded();
        Map<String, Object> root = MiniJson.object(r.stdout());
        List<Object> tasks = (List<Object>) root.get("tasks");
        assertThat(tasks).hasSize(1);
        Map<String, Object> task = (Map<String, Object>) tasks.get(0);
        assertThat(task).containsEntry("name", "train").containsEntry("num_nodes", 1.0).doesNotContainKey("error");
        Map<String, Object> chosen = (Map<String, Object>) task.get("chosen");
        double chosenCost = (Double) chosen.get("hourly_cost");
        assertThat((Map<String, Object>) chosen.get("accelerators")).containsEntry("V100", 1.0);

        List<Map<String, Object>> candidates = (List<Map<String, Object>>) (List<?>) task.get("candidates");
        assertThat(candidates).isNotEmpty();
        assertThat(candidates.stream().map(c -> c.get("cloud")).distinct().toList())
                .as("--all-clouds plans over every catalog cloud").contains("aws", "gcp", "azure");
        for (Map<String, Object> c : candidates) {
            assertThat((Double) c.get("hourly_cost")).isGreaterThanOrEqualTo(chosenCost);
            assertThat(c.get("enabled")).as("no credentials in this HOME").isEqualTo(false);
        }

        // Independently of the optimizer: the cheapest V100:1 instance of AWS and Azure, and for GCP the attachable
        // V100 plus the cheapest n1 host of the same zone (a lower bound of any GCP V100 VM).
        double awsMin = minInstancePrice("aws", "V100");
        double azureMin = minInstancePrice("azure", "V100");
        double gcpLowerBound = gcpAttachLowerBound("V100");
        assertThat(chosenCost).isLessThanOrEqualTo(awsMin + 1e-9).isLessThanOrEqualTo(azureMin + 1e-9);
        if (chosen.get("cloud").equals("gcp")) {
            double host = catalogPrice("gcp", (String) chosen.get("instance_type"), (String) chosen.get("zone"));
            double gpu = gcpAttachPrice("V100", (String) chosen.get("zone"));
            assertThat(chosenCost).isCloseTo(host + gpu, within(1e-6));
        } else {
            assertThat(chosenCost).isLessThanOrEqualTo(gcpLowerBound + 1e-9);
            assertThat(chosenCost).isCloseTo(catalogPrice((String) chosen.get("cloud"),
                    (String) chosen.get("instance_type"), (String) chosen.get("region")), within(1e-6));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void tableMarksTheChosenRowWhichIsTheCheapest() {
        CommandResult json = sky.run("launch", "--dryrun", "--all-clouds", "--json", v100.toString());
        Map<String, Object> chosen = (Map<String, Object>) ((Map<String, Object>) ((List<Object>)
                MiniJson.object(json.stdout()).get("tasks")).get(0)).get("chosen");

        CommandResult r = sky.run("launch", "--dryrun", "--all-clouds", v100.toString());
        assertThat(r).succeeded().noStackTrace().outContains("YAML to run: " + v100, "Considered resources (1 node):",
                "INFRA", "INSTANCE", "vCPUs", "Mem(GB)", "GPUS", "COST ($)", "CHOSEN",
                "* not enabled: run sky check");
        List<String> rows = r.stdout().lines().filter(l -> l.startsWith(" ") && l.contains("V100:1")).toList();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(3);
        String cost = String.format(Locale.ROOT, "%.2f", (Double) chosen.get("hourly_cost"));
        assertThat(rows.get(0)).as("the cheapest row comes first and is chosen").contains("\u2714", cost,
                (String) chosen.get("instance_type"));
        assertThat(rows.subList(1, rows.size())).noneMatch(l -> l.contains("\u2714"));
        assertThat(rows).allMatch(l -> l.matches(" (AWS|GCP|Azure) \\(.*\\)\\*.*"));
        assertThat(r.stdout()).contains("Estimated cost: $" + cost + " / hour");
    }

    @Test
    void nothingFitsExitsThreeWithAReasonPerCloud() throws IOException {
        Path big = Files.writeString(dir.resolve("big.yaml"), "resources:\n  accelerators: V100:3\n");
        CommandResult r = sky.run("launch", "--dryrun", "--all-clouds", big.toString());
        assertThat(r).exitedWith(3).noStackTrace().errContains("no resources fit", "AWS:", "GCP:", "Azure:");
        assertThat(r.stdout()).doesNotContain("Considered resources");

        CommandResult json = sky.run("launch", "--dryrun", "--all-clouds", "--json", big.toString());
        assertThat(json).exitedWith(3);
        Map<String, Object> root = MiniJson.object(json.stdout());
        assertThat(json.stdout()).contains("\"error\":{\"code\":\"NO_RESOURCES\"", "\"chosen\":null");
        assertThat(root.get("feasible")).isEqualTo(false);
    }

    @Test
    void flagsOverrideTheYaml() {
        CommandResult r = sky.run("launch", "--dryrun", "--all-clouds", "--json", "--infra", "aws", "--gpus", "V100:4",
                v100.toString());
        assertThat(r).succeeded().outContains("\"cloud\":\"aws\"", "\"accelerators\":{\"V100\":4}");
        assertThat(r.stdout()).doesNotContain("\"cloud\":\"gcp\"");
    }

    @Test
    void deprecatedCloudFlagWarnsAndWorks() {
        CommandResult r = sky.run("launch", "--dryrun", "--all-clouds", "--cloud", "azure", v100.toString());
        assertThat(r).succeeded().errContains("deprecated", "--infra").outContains("Azure (");
        assertThat(sky.run("launch", "--dryrun", "--cloud", "aws", "--infra", "gcp", v100.toString()))
                .exitedWith(2).errIsOneLine();
    }

    private static double minInstancePrice(String cloud, String gpu) {
        return CatalogOracle.rows(cloud).stream()
                .filter(r -> gpu.equals(r.get("AcceleratorName")) && CatalogOracle.num(r, "AcceleratorCount") == 1
                        && !r.get("InstanceType").isEmpty())
                .mapToDouble(r -> CatalogOracle.num(r, "Price")).filter(p -> !Double.isNaN(p)).min().orElseThrow();
    }

    private static double gcpAttachPrice(String gpu, String zone) {
        return CatalogOracle.rows("gcp").stream()
                .filter(r -> r.get("InstanceType").isEmpty() && gpu.equals(r.get("AcceleratorName"))
                        && CatalogOracle.num(r, "AcceleratorCount") == 1 && zone.equals(r.get("AvailabilityZone")))
                .mapToDouble(r -> CatalogOracle.num(r, "Price")).min().orElseThrow();
    }

    private static double gcpAttachLowerBound(String gpu) {
        List<Map<String, String>> rows = CatalogOracle.rows("gcp");
        return rows.stream()
                .filter(r -> r.get("InstanceType").isEmpty() && gpu.equals(r.get("AcceleratorName"))
                        && CatalogOracle.num(r, "AcceleratorCount") == 1)
                .mapToDouble(a -> CatalogOracle.num(a, "Price") + rows.stream()
                        .filter(h -> h.get("InstanceType").startsWith("n1-")
                                && h.get("AvailabilityZone").equals(a.get("AvailabilityZone")))
                        .mapToDouble(h -> CatalogOracle.num(h, "Price")).min().orElse(Double.MAX_VALUE))
                .min().orElseThrow();
    }

    /** The on-demand price of an instance type in a region (the cheapest of its zones) or in a zone. */
    private static double catalogPrice(String cloud, String instanceType, String where) {
        return CatalogOracle.rows(cloud).stream()
                .filter(r -> instanceType.equals(r.get("InstanceType"))
                        && (where.equals(r.get("Region")) || where.equals(r.get("AvailabilityZone"))))
                .mapToDouble(r -> CatalogOracle.num(r, "Price")).min().orElseThrow();
    }
}
