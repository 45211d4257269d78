package dev.sky.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import dev.sky.cli.testing.MiniJson;
import dev.sky.clouds.aws.emulator.Ec2Emulator;
import dev.sky.clouds.aws.emulator.EmulatorOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A sky installation pointed at an EC2 emulator: the packaged CLI in a child process reaches the emulator through the
 * endpoint variables, and the emulator's ledger is the ground truth for leaks. Node-backed, so every instance is a
 * real local node that runs setup and run.
 */
final class AwsSky implements AutoCloseable {
    final Ec2Emulator emulator;
    final LocalSky sky;

    AwsSky(Path dir, EmulatorOptions options) {
        emulator = Ec2Emulator.start(options.withNodeSkyHome(dir.resolve("emulator-home")));
        sky = new LocalSky(dir);
        emulator.env().forEach(sky::env);
    }

    static AwsSky nodeBacked(Path dir) {
        return new AwsSky(dir, EmulatorOptions.nodeBacked());
    }

    CommandResult run(String... args) {
        return sky.run(args);
    }

    CommandResult run(Map<String, String> env, String... args) {
        return sky.run(env, args);
    }

    /** The plan's candidates, best first, as {@code sky launch --dryrun --json} prints them. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> candidates(String task) {
        CommandResult r = sky.run("launch", "--dryrun", "--json", task);
        assertThat(r.exitCode()).as("%s", r).isZero();
        Map<String, Object> plan = MiniJson.object(r.stdout().trim());
        Map<String, Object> t = ((List<Map<String, Object>>) plan.get("tasks")).get(0);
        return (List<Map<String, Object>>) t.get("candidates");
    }

    /** Zones the emulator was asked to launch in, in call order (null when EC2 was left to pick). */
    List<String> runInstancesZones() {
        return emulator.ledger().calls("RunInstances").stream()
                .map(c -> c.params().get("Placement.AvailabilityZone")).toList();
    }

    /** The ids of a cluster's live instances, found by sky's cluster-name tag in the emulator's ledger. */
    List<String> instanceIds(String cluster) {
        return emulator.liveInstances().stream().filter(i -> cluster.equals(i.tags().get("skypilot-cluster-name")))
                .map(Ec2Emulator.InstanceView::id).toList();
    }

    /** {@code sky status --refresh --json}: its refresh notes (verdict, note), by cluster name. */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> refreshOutcomes() {
        CommandResult r = sky.run("status", "--refresh", "--json");
        assertThat(r.exitCode()).as("%s", r).isZero();
        Map<String, Map<String, Object>> out = new java.util.LinkedHashMap<>();
        for (Map<String, Object> n : (List<Map<String, Object>>) MiniJson.object(r.stdout().trim())
                .getOrDefault("refresh", List.of())) {
            out.put((String) n.get("name"), n);
        }
        return out;
    }

    /** The runtime folder of a cluster's head node, inside the emulator node that backs it. */
    Path headNodeDir(String cluster) {
        return emulator.nodeHome(instanceIds(cluster).get(0)).resolve(".sky/clusters/" + cluster + "/node-0");
    }

    /** The leak audit: no instance alive in the ledger. */
    void assertNothingAlive() {
        assertThat(emulator.liveInstances()).as("instances alive in the emulator's ledger").isEmpty();
    }

    @Override
    public void close() {
        try {
            sky.close();
        } finally {
            emulator.close();
        }
    }
}
