import dev.sky.clouds.aws.emulator.Ec2Emulator;
import dev.sky.clouds.aws.emulator.EmulatorOptions;
import dev.sky.clouds.aws.emulator.Ledger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Failover across 10 failing zones to an 11th that works, against the EC2 emulator (node mode), through the packaged
 * CLI. Each RunInstances answers after an injected latency L. sky's own failover overhead is the time from the first
 * RunInstances to the successful one, minus the 10 injected latencies: cleanup queries, re-planning, state writes,
 * printing. Usage: java -cp CP FailoverBench.java SKY_BIN ZONES_CSV RUNS LATENCY_MS
 */
public class FailoverBench {
    public static void main(String[] args) throws Exception {
        String skyBin = args[0];
        List<String> zones = List.of(args[1].split(","));
        int runs = Integer.parseInt(args[2]);
        long latencyMs = Long.parseLong(args[3]);
        Path work = Files.createTempDirectory("sky-failover-bench");
        List<Long> overheads = new ArrayList<>();
        try (Ec2Emulator emu = Ec2Emulator.start(EmulatorOptions.nodeBacked().withNodeSkyHome(work.resolve("emu")))) {
            Path task = work.resolve("spot.yaml");
            Files.writeString(task, "resources:\n  cpus: 2\n  use_spot: true\nrun: echo ok\n");
            for (int run = 0; run < runs; run++) {
                emu.faults().reset();
                for (String z : zones.subList(0, zones.size() - 1)) {
                    emu.faults().insufficientCapacity(z, null);
                }
                emu.faults().latency("RunInstances", Duration.ofMillis(latencyMs));
                emu.ledger().clear();
                Path home = work.resolve("home-" + run);
                Files.createDirectories(home);
                int code = sky(skyBin, emu.env(), home, "launch", "-c", "bench", "-y", "-d", task.toString());
                List<Ledger.Call> calls = emu.ledger().calls("RunInstances");
                long first = calls.get(0).at().toEpochMilli();
                long last = calls.get(calls.size() - 1).at().toEpochMilli();
                long overhead = (last - first) - (calls.size() - 1) * latencyMs;
                overheads.add(overhead);
                System.out.printf("run %d: exit %d, %d RunInstances, zones %s, overhead %d ms%n", run, code,
                        calls.size(), calls.stream().map(c -> c.params().get("Placement.AvailabilityZone")).toList(),
                        overhead);
                sky(skyBin, emu.env(), home, "down", "-y", "-a");
            }
        }
        overheads.sort(Long::compare);
        System.out.printf("failover over %d failing zones: sky overhead p50 %d ms, max %d ms (%d runs)%n",
                zones.size() - 1, overheads.get(overheads.size() / 2), overheads.get(overheads.size() - 1), runs);
    }

    static int sky(String bin, Map<String, String> env, Path home, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(bin));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve("out.log").toFile());
        pb.environment().putAll(env);
        pb.environment().put("SKY_HOME", home.resolve("sky").toString());
        pb.environment().put("HOME", home.toString());
        pb.environment().put("SKY_TIME_SCALE", "0.02");
        pb.environment().put("NO_GCE_CHECK", "true");
        return pb.start().waitFor();
    }
}
