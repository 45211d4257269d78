import dev.sky.clouds.aws.emulator.Ec2Emulator;
import dev.sky.clouds.aws.emulator.EmulatorOptions;
import dev.sky.clouds.aws.provision.AwsProvisioner;
import dev.sky.core.SkyPaths;
import dev.sky.core.state.ClusterRecord;
import dev.sky.core.state.ClusterStatus;
import dev.sky.core.state.StateStore;
import dev.sky.provision.cluster.ClusterHandle;
import dev.sky.provision.spi.ClusterInfo;
import dev.sky.provision.spi.ProvisionRequest;
import dev.sky.provision.spi.ProvisionerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sky status --refresh} of N AWS clusters against the EC2 emulator (fast mode: instances without nodes; the
 * records pin no host key, so refresh skips its SSH health probe and asks EC2 only). The clusters are created with sky's own AWS provisioner and recorded UP in the state DB,
 * as a launch would leave them; then the packaged CLI refreshes them RUNS times and the wall times are printed.
 * Usage: java -cp CP RefreshBench.java SKY_BIN CLUSTERS RUNS
 */
public class RefreshBench {
    public static void main(String[] args) throws Exception {
        String skyBin = args[0];
        int clusters = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        Path work = Files.createTempDirectory("sky-refresh-bench");
        try (Ec2Emulator emu = Ec2Emulator.start(EmulatorOptions.fast())) {
            Map<String, String> env = new HashMap<>(emu.env());
            env.put("SKY_HOME", work.resolve("sky").toString());
            env.put("HOME", work.toString());
            SkyPaths paths = SkyPaths.fromEnv(env);
            AwsProvisioner aws = AwsProvisioner.create(new ProvisionerContext(paths, env));
            String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl bench";
            try (StateStore store = StateStore.at(paths)) {
                for (int i = 0; i < clusters; i++) {
                    String name = "r" + i;
                    Instant t = Instant.now();
                    store.clusters().upsert(new ClusterRecord(name, ClusterStatus.INIT, "aws", "us-east-1", null, 1,
                            null, null, null, t, t, null, null));
                    ClusterInfo info = aws.create(new ProvisionRequest(name, 1, "aws", "us-east-1", null,
                            "m6i.large", false, null, 0, List.of(), key, null, Map.of()));
                    ClusterHandle h = new ClusterHandle("aws", "AWS", "us-east-1", null, "m6i.large", false, 0.096, 2,
                            8, null, 0, List.of()).withNodes(info);
                    store.clusters().upsert(new ClusterRecord(name, ClusterStatus.UP, "aws", "us-east-1", null, 1,
                            null, h.toJson(), null, t, Instant.now(), null, null));
                }
            }
            List<Long> ms = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                ProcessBuilder pb = new ProcessBuilder(skyBin, "status", "--refresh").redirectErrorStream(true)
                        .redirectOutput(work.resolve("out.log").toFile());
                pb.environment().putAll(env);
                int code = pb.start().waitFor();
                ms.add((System.nanoTime() - t0) / 1_000_000);
                if (code != 0) {
                    throw new IllegalStateException("sky status --refresh exited " + code + ": "
                            + Files.readString(work.resolve("out.log")));
                }
            }
            System.out.println(Files.readString(work.resolve("out.log")));
            System.out.println("DescribeInstances calls: " + emu.ledger().count("DescribeInstances"));
            List<Long> sorted = new ArrayList<>(ms);
            sorted.sort(Long::compare);
            System.out.printf("status --refresh of %d AWS clusters: runs %s ms; median %d ms, min %d ms%n", clusters,
                    ms, sorted.get(sorted.size() / 2), sorted.get(0));
        }
    }
}
