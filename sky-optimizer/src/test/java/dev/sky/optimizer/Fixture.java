package dev.sky.optimizer;

import dev.sky.core.task.Amount;
import dev.sky.optimizer.catalog.Catalog;
import dev.sky.optimizer.catalog.CatalogRow;
import dev.sky.optimizer.cloud.CloudFeature;
import dev.sky.optimizer.cloud.DefaultInstancePolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The frozen fixture catalog (test resources) and the four clouds planned over it. */
final class Fixture {

    static final String AZURE_NO_SPOT = "spot VMs are not wired up for Azure yet";
    static final String AZURE_NO_PORTS = "opening ports is not wired up for Azure yet";
    static final String LOCAL_NO_SPOT = "this machine has no spot capacity";
    static final String LOCAL_NO_DISK_TIER = "local nodes use this machine's disk";

    static final List<CloudOffering> CLOUDS = load();

    private Fixture() {}

    static CloudOffering cloud(String id) {
        return CLOUDS.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<CloudOffering> load() {
        Map<String, List<CatalogRow>> rows = readRows();
        Amount eightPlus = Amount.atLeast(8);
        Amount fourX = Amount.perCpu(4);
        return List.of(
                offering(new FixtureCloud("aws", "AWS", Map.of(), catalog("aws", rows),
                        new DefaultInstancePolicy(List.of("m6i", "c6i", "r6i"), eightPlus, fourX), false, true,
                        false, 0.09)),
                offering(new FixtureCloud("gcp", "GCP", Map.of(), catalog("gcp", rows),
                        new DefaultInstancePolicy(List.of("n2-standard", "n2-highmem"), eightPlus, fourX), true,
                        true, false, 0.12)),
                offering(new FixtureCloud("azure", "Azure",
                        Map.of(CloudFeature.SPOT, AZURE_NO_SPOT, CloudFeature.OPEN_PORTS, AZURE_NO_PORTS),
                        catalog("azure", rows),
                        new DefaultInstancePolicy(List.of("Standard_D\\d+s_v5", "Standard_E\\d+s_v5"), eightPlus,
                                fourX), false, true, false, 0.087)),
                offering(new FixtureCloud("local", "Local",
                        Map.of(CloudFeature.SPOT, LOCAL_NO_SPOT, CloudFeature.CUSTOM_DISK_TIER, LOCAL_NO_DISK_TIER,
                                CloudFeature.DOCKER_IMAGE, "no Docker engine here", CloudFeature.TPU, "no TPU"),
                        catalog("local", rows), null, false, false, true, 0)));
    }

    private static CloudOffering offering(FixtureCloud cloud) {
        return CloudOffering.of(cloud, cloud.catalog());
    }

    private static Catalog catalog(String cloud, Map<String, List<CatalogRow>> rows) {
        return new Catalog(cloud, rows.getOrDefault(cloud, List.of()), "fixture.csv", "frozen");
    }

    /** A tiny reader for the fixture's own layout: no quoting, {@code #} comments, empty cells are unknown. */
    private static Map<String, List<CatalogRow>> readRows() {
        Map<String, List<CatalogRow>> out = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Fixture.class.getResourceAsStream("/optimizer/fixture.csv"), StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",", -1);
                CatalogRow row = new CatalogRow(f[1], blankToNull(f[2]), number(f[3], 0), number(f[4], Double.NaN),
                        number(f[5], Double.NaN), number(f[6], Double.NaN), blankToNull(f[7]),
                        number(f[8], Double.NaN), number(f[9], Double.NaN), f[10], blankToNull(f[11]));
                out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static double number(String s, double empty) {
        return s.isEmpty() ? empty : Double.parseDouble(s);
    }
}
