package dev.sky.cli.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The task override flags shared by launch, exec and jobs launch (SkyPilot's TASK_OPTIONS_WITH_NAME and
 * EXTRA_RESOURCES_OPTIONS). They only collect strings; {@link TaskOptionsToOverrides} turns them into the core's
 * overrides, which do the validation. {@code none} resets a field, as in SkyPilot.
 */
public final class TaskOptions {
    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Task name.")
    public String name;

    @Option(names = "--workdir", paramLabel = "DIR", description = "Folder synced to ~/sky_workdir on the nodes.")
    public String workdir;

    @Option(names = "--infra", paramLabel = "INFRA",
            description = "Where to run: CLOUD, CLOUD/REGION, CLOUD/REGION/ZONE (* for any), k8s/CONTEXT, ssh/POOL.")
    public String infra;

    @Option(names = "--cloud", hidden = true, description = "Deprecated: use --infra.")
    public String cloud;

    @Option(names = "--region", hidden = true, description = "Deprecated: use --infra.")
    public String region;

    @Option(names = "--zone", hidden = true, description = "Deprecated: use --infra.")
    public String zone;

    @Option(names = "--num-nodes", paramLabel = "N", description = "Number of nodes.")
    public Integer numNodes;

    @Option(names = "--cpus", paramLabel = "N[+]", description = "vCPUs per node: 4 (exactly) or 4+ (at least).")
    public String cpus;

    @Option(names = "--memory", paramLabel = "GB[+|x]",
            description = "Memory per node in GB: 16 (exactly), 16+ (at least), 4x (per vCPU).")
    public String memory;

    @Option(names = "--gpus", paramLabel = "NAME[:COUNT]", description = "Accelerators per node, e.g. A100:8.")
    public String gpus;

    @Option(names = {"-t", "--instance-type"}, paramLabel = "TYPE", description = "Exact instance type.")
    public String instanceType;

    @Option(names = "--use-spot", negatable = true, description = "Use spot instances (--no-use-spot: on-demand).")
    public Boolean useSpot;

    @Option(names = "--image-id", paramLabel = "IMAGE", description = "VM image, or docker:IMAGE.")
    public String imageId;

    @Option(names = "--disk-size", paramLabel = "GB", description = "OS disk size in GB.")
    public Integer diskSize;

    @Option(names = "--disk-tier", paramLabel = "TIER", description = "low, medium, high, ultra or best.")
    public String diskTier;

    @Option(names = "--network-tier", paramLabel = "TIER", description = "standard or best.")
    public String networkTier;

    @Option(names = "--ports", paramLabel = "PORT", description = "Port or range to open (repeatable).")
    public List<String> ports = new ArrayList<>();

    @Option(names = "--env", paramLabel = "KEY[=VAL]",
            description = "Environment variable (repeatable); a bare KEY takes the local value.")
    public List<String> envs = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE", description = "A dotenv file; --env wins over it.")
    public Path envFile;

    @Option(names = "--secret", paramLabel = "KEY[=VAL]",
            description = "Secret variable (repeatable; never shown or logged); a bare KEY takes the local value.")
    public List<String> secrets = new ArrayList<>();

    /** Whether any of the hidden --cloud/--region/--zone was given. */
    public boolean usesDeprecatedLocation() {
        return cloud != null || region != null || zone != null;
    }

    /**
     * Whether any flag other than --env, --env-file and --secret was given. A multi-task YAML ignores those, with a
     * warning, as SkyPilot does; the variables reach every task.
     */
    public boolean anyTaskFlag() {
        return name != null || workdir != null || infra != null || usesDeprecatedLocation() || numNodes != null
                || cpus != null || memory != null || gpus != null || instanceType != null || useSpot != null
                || imageId != null || diskSize != null || diskTier != null || networkTier != null || !ports.isEmpty();
    }
}
