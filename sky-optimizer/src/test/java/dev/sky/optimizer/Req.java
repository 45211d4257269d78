package dev.sky.optimizer;

import dev.sky.core.task.AcceleratorDemand;
import dev.sky.core.task.Amount;
import dev.sky.core.task.Autostop;
import dev.sky.core.task.Infra;
import dev.sky.core.task.ResourceChoice;
import dev.sky.core.task.Resources;
import dev.sky.core.task.Task;
import java.util.List;
import java.util.Map;

/** Builds task model records for tests, field by field, the way a loaded YAML would hold them. */
final class Req {

    private Infra infra = Infra.ANY;
    private Amount cpus;
    private Amount memory;
    private AcceleratorDemand accelerator;
    private String instanceType;
    private boolean spot;
    private String diskTier;
    private List<String> ports = List.of();
    private Map<String, String> imageId = Map.of();
    private Double maxHourlyCost;
    private Map<String, Object> acceleratorArgs = Map.of();

    static Req res() {
        return new Req();
    }

    Req infra(String cloud, String region, String zone) {
        infra = new Infra(cloud, region, zone);
        return this;
    }

    Req cloud(String cloud) {
        return infra(cloud, null, null);
    }

    Req cpus(Amount v) {
        cpus = v;
        return this;
    }

    Req memory(Amount v) {
        memory = v;
        return this;
    }

    Req acc(String name, double count) {
        accelerator = AcceleratorDemand.of(name, count);
        return this;
    }

    Req acc(AcceleratorDemand d) {
        accelerator = d;
        return this;
    }

    Req instanceType(String v) {
        instanceType = v;
        return this;
    }

    Req spot() {
        spot = true;
        return this;
    }

    Req diskTier(String v) {
        diskTier = v;
        return this;
    }

    Req ports(String... v) {
        ports = List.of(v);
        return this;
    }

    Req image(Map<String, String> v) {
        imageId = v;
        return this;
    }

    Req maxHourlyCost(double v) {
        maxHourlyCost = v;
        return this;
    }

    Req tpuVm(boolean v) {
        acceleratorArgs = Map.of("tpu_vm", v);
        return this;
    }

    Resources build() {
        return new Resources(infra, cpus, memory, accelerator, instanceType, spot, null,
                Resources.DEFAULT_DISK_SIZE_GB, diskTier, null, ports, Map.of(), imageId, (Autostop) null,
                acceleratorArgs, null, maxHourlyCost, Map.of());
    }

    Task task() {
        return task(1);
    }

    Task task(int nodes) {
        return task(nodes, ResourceChoice.single(build()));
    }

    static Task task(int nodes, ResourceChoice choice) {
        return new Task("t", null, nodes, null, null, null, null, "echo hi", choice, null, null, null, null, null,
                null, null, null);
    }

    static Task withData(Task t, Map<String, Double> inputs, Map<String, Double> outputs) {
        return new Task(t.name(), t.workdir(), t.numNodes(), t.envs(), t.secrets(), t.fileMounts(), t.setup(),
                t.run(), t.resources(), t.service(), t.pool(), t.config(), t.volumes(), inputs, outputs,
                t.eventCallback(), t.warnings());
    }

    static ResourceChoice anyOf(Req... options) {
        return new ResourceChoice(List.of(options).stream().map(Req::build).toList(), false);
    }

    static ResourceChoice ordered(Req... options) {
        return new ResourceChoice(List.of(options).stream().map(Req::build).toList(), true);
    }
}
