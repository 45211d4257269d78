package dev.sky.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.task.Amount;
import dev.sky.core.task.Task;
import dev.sky.optimizer.plan.Candidate;
import dev.sky.optimizer.plan.TaskPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded random requests checked against a brute-force oracle that reads the fixture CSV itself and shares no code
 * with the optimizer: every row is tried, the cheapest by (price, cloud, region, zone, type) wins. GCP's attached
 * accelerators are left to the hand-computed tests; here GCP plays only with CPU rows.
 */
class OptimizerOracleTest {

    private record Row(String cloud, String type, String acc, double count, double cpus, double mem, double price,
                       double spot, String region, String zone) {}

    private record Answer(String cloud, String region, String zone, String type, double price) {}

    private static final List<Row> ROWS = readRows();
    private static final String[] ACCELERATORS = {"T4:1", "V100:1", "V100:4", "A100:8", "a10g:1", "A100-80GB:1"};
    private static final String[] REGIONS = {"us-east-1", "us-west-2", "eastus", "us-central1", "europe-west4"};

    @Test
    void randomRequestsMatchTheBruteForceOracle() {
        Random random = new Random(20261129);
        int feasible = 0;
        for (int i = 0; i < 400; i++) {
            Req req = Req.res();
            String acc = random.nextInt(3) == 0 ? ACCELERATORS[random.nextInt(ACCELERATORS.length)] : null;
            Amount cpus = pick(random, new Amount[] {null, Amount.exact(2), Amount.exact(4), Amount.exact(8),
                    Amount.atLeast(4), Amount.atLeast(8), Amount.atLeast(16)});
            Amount mem = pick(random, new Amount[] {null, Amount.exact(16), Amount.atLeast(30),
                    Amount.atLeast(64), Amount.perCpu(1), Amount.perCpu(4), Amount.perCpu(8)});
            boolean spot = random.nextInt(4) == 0;
            String region = random.nextInt(4) == 0 ? REGIONS[random.nextInt(REGIONS.length)] : null;
            if (acc != null) {
                String[] parts = acc.split(":");
                req.acc(parts[0], Double.parseDouble(parts[1]));
            }
            req.cpus(cpus).memory(mem).infra(null, region, null);
            if (spot) {
                req.spot();
            }
            Set<String> enabled = acc == null ? Set.of("aws", "azure", "gcp") : Set.of("aws", "azure");
            Task task = req.task();
            TaskPlan plan = PlanAssert.plan(task, enabled);
            Answer expected = oracle(acc, cpus, mem, spot, region, enabled);
            String what = "request #" + i + ": acc=" + acc + " cpus=" + cpus + " mem=" + mem + " spot=" + spot
                    + " region=" + region;
            if (expected == null) {
                assertThat(plan.chosen()).as(what).isNull();
                assertThat(plan.reasons()).as(what).isNotEmpty();
                continue;
            }
            feasible++;
            Candidate c = plan.chosen();
            assertThat(c).as(what).isNotNull();
            assertThat(new Answer(c.cloud(), c.region(), c.zone(), c.instanceType(), c.hourlyCostPerNode()))
                    .as(what).isEqualTo(expected);
        }
        assertThat(feasible).as("the sample exercises feasible requests").isGreaterThan(100);
    }

    private static Answer oracle(String acc, Amount cpus, Amount mem, boolean spot, String region,
                                 Set<String> enabled) {
        List<Answer> answers = new ArrayList<>();
        for (Row row : ROWS) {
            if (!enabled.contains(row.cloud) || (spot && row.cloud.equals("azure")) || row.type.isEmpty()) {
                continue;
            }
            Amount wantCpus = cpus;
            Amount wantMem = mem;
            if (acc != null) {
                String[] parts = acc.split(":");
                if (row.acc == null || !row.acc.equalsIgnoreCase(parts[0])
                        || row.count != Double.parseDouble(parts[1])) {
                    continue;
                }
            } else {
                if (row.acc != null || !defaultFamily(row)) {
                    continue;
                }
                wantCpus = cpus == null && mem == null ? Amount.atLeast(8) : cpus;
                wantMem = mem == null ? Amount.perCpu(4) : mem;
            }
            if (!fits(wantCpus, row.cpus, row.cpus) || !fits(wantMem, row.mem, row.cpus)) {
                continue;
            }
            double price = spot ? row.spot : row.price;
            if (Double.isNaN(price) || (region != null && !region.equals(row.region))) {
                continue;
            }
            boolean zonal = spot || row.cloud.equals("gcp");
            answers.add(new Answer(row.cloud, row.region, zonal ? row.zone : null, row.type, price));
        }
        Comparator<String> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
        return answers.stream().min(Comparator.comparingDouble(Answer::price).thenComparing(Answer::cloud)
                .thenComparing(Answer::region).thenComparing(Answer::zone, nullsFirst)
                .thenComparing(Answer::type)).orElse(null);
    }

    private static boolean fits(Amount want, double have, double cpus) {
        if (want == null) {
            return true;
        }
        return switch (want.kind()) {
            case EXACT -> have == want.value();
            case AT_LEAST -> have >= want.value();
            case PER_CPU -> have >= want.value() * cpus;
        };
    }

    private static boolean defaultFamily(Row row) {
        return switch (row.cloud) {
            case "aws" -> Set.of("m6i", "c6i", "r6i").contains(row.type.substring(0, row.type.indexOf('.')));
            case "gcp" -> row.type.startsWith("n2-standard-") || row.type.startsWith("n2-highmem-");
            case "azure" -> Pattern.matches("Standard_[DE]\\d+s_v5", row.type);
            default -> false;
        };
    }

    private static <T> T pick(Random random, T[] options) {
        return options[random.nextInt(options.length)];
    }

    private static List<Row> readRows() {
        try (InputStream in = OptimizerOracleTest.class.getResourceAsStream("/optimizer/fixture.csv")) {
            List<Row> rows = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (String line : lines) {
                if (line.isBlank() || line.startsWith("#") || line.startsWith("cloud,")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                rows.add(new Row(f[0], f[1], f[2].isEmpty() ? null : f[2], num(f[3]), num(f[4]), num(f[5]),
                        num(f[8]), num(f[9]), f[10], f[11].isEmpty() ? null : f[11].toLowerCase(Locale.ROOT)));
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double num(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

}
