package dev.sky.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.SkyException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of bad task YAMLs: each must be rejected with exit code 2 and one line that starts with
 * {@code task.yaml:line:col:} and says what was wrong.
 */
class MalformedInputTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // Truncated or broken YAML: the parser's own position.
                bad("truncated flow list", "resources:\n  accelerators: [A100, V100\n", "3:1", "invalid YAML"),
                bad("truncated quoted string", "run: \"echo hi\n", "2:1", "invalid YAML"),
                bad("tab indentation", "resources:\n\tcpus: 4\n", "2:1", "invalid YAML"),
                bad("bad indentation", "resources:\n  cpus: 4\n    memory: 8\n", "3:11", "invalid YAML"),
                // The document is not a mapping.
                bad("bare string", "echo hello world\n", "1:1", "must be a mapping"),
                bad("top-level list", "- run: echo\n", "1:1", "must be a mapping"),
                // Wrong types at several levels.
                bad("num_nodes word", "num_nodes: two\n", "1:12", "num_nodes: expected an integer, found a string"),
                bad("num_nodes zero", "num_nodes: 0\n", "1:12", "num_nodes: expected 1 or more nodes"),
                bad("resources list", "resources: [a]\n", "1:12", "resources: expected a mapping, found a list"),
                bad("run number", "run: 5\n", "1:6", "run: expected a shell script"),
                bad("use_spot word", "resources:\n  use_spot: maybe\n", "2:13",
                        "resources.use_spot: expected true or false"),
                bad("cpus list in any_of", "resources:\n  any_of:\n    - cpus: [1]\n", "3:13",
                        "resources.any_of[0].cpus: expected a number"),
                bad("cpus zero", "resources:\n  cpus: 0\n", "2:9", "resources.cpus:"),
                bad("memory junk", "resources:\n  memory: lots\n", "2:11", "resources.memory: expected"),
                bad("memory unit", "resources:\n  memory: 16zb\n", "2:11", "unknown size unit"),
                bad("env list value", "envs:\n  A: [1, 2]\n", "2:6", "envs.A: expected a string"),
                bad("env bad name", "envs:\n  1A: x\n", "2:3", "envs.1A: not a valid variable name"),
                bad("storage source number", "file_mounts:\n  /d:\n    source: 5\n", "3:13",
                        "file_mounts./d.source: expected a string, found a number"),
                bad("file mount list", "file_mounts:\n  /d: [a]\n", "2:7", "file_mounts./d: expected a local path"),
                bad("autostop idle word", "resources:\n  autostop:\n    idle_minutes: soon\n", "3:19",
                        "resources.autostop.idle_minutes: expected minutes or a duration"),
                bad("priority range", "resources:\n  priority: 2000\n", "2:13", "between -1000 and 1000"),
                bad("ports junk", "resources:\n  ports: abc\n", "2:10", "resources.ports: expected a port"),
                bad("disk tier", "resources:\n  disk_tier: fastest\n", "2:14", "is not one of low, medium"),
                bad("accelerator count", "resources:\n  accelerators: A100:x\n", "2:17", "must be a positive number"),
                bad("accelerator shape", "resources:\n  accelerators: a:b:c\n", "2:17", "<name>:<count>"),
                bad("infra empty part", "resources:\n  infra: aws//x\n", "2:10", "empty part"),
                bad("infra unknown cloud", "resources:\n  infra: awz/us-east-1\n", "2:10", "did you mean 'aws'?"),
                bad("workdir without url", "workdir:\n  ref: main\n", "2:3", "workdir: a git workdir needs a 'url'"),
                bad("service is a string", "service: readiness\n", "1:10", "service: expected a mapping"),
                bad("bad task name", "name: -bad-\n", "1:7", "is not a valid name"),
                // Unknown keys at every level.
                bad("unknown top key", "rn: echo hi\n", "1:1", "rn: unknown key; did you mean 'run'?"),
                bad("unknown resources key", "resources:\n  acelerators: A100\n", "2:3",
                        "resources.acelerators: unknown key; did you mean 'accelerators'?"),
                bad("far unknown key lists keys", "resources:\n  zzzzzzzz: 1\n", "2:3",
                        "resources.zzzzzzzz: unknown key; valid keys: infra, cloud"),
                bad("unknown any_of key", "resources:\n  any_of:\n    - clod: aws\n", "3:7",
                        "resources.any_of[0].clod: unknown key; did you mean 'cloud'?"),
                bad("unknown ordered key", "resources:\n  ordered:\n    - regin: us-east-1\n", "3:7",
                        "resources.ordered[0].regin: unknown key; did you mean 'region'?"),
                bad("unknown storage key", "file_mounts:\n  /d:\n    nme: bucket\n", "3:5",
                        "file_mounts./d.nme: unknown key; did you mean 'name'?"),
                bad("unknown autostop key", "resources:\n  autostop:\n    idle_minute: 5\n", "3:5",
                        "resources.autostop.idle_minute: unknown key; did you mean 'idle_minutes'?"),
                bad("unknown job_recovery key", "resources:\n  job_recovery:\n    stratgy: FAILOVER\n", "3:5",
                        "resources.job_recovery.stratgy: unknown key; did you mean 'strategy'?"),
                bad("unknown workdir key", "workdir:\n  url: https://x/y.git\n  branch: main\n", "3:3",
                        "workdir.branch: unknown key"),
                bad("unknown config key", "config:\n  kubernets:\n    pod_config: {}\n", "2:3",
                        "config.kubernets: unknown key; did you mean 'kubernetes'?"),
                bad("unknown accelerator_args key", "resources:\n  accelerator_args:\n    tpu_vn: true\n", "3:5",
                        "did you mean 'tpu_vm'?"),
                // Conflicts.
                bad("gpus and accelerators", "resources:\n  accelerators: A100\n  gpus: V100\n", "3:3",
                        "resources.gpus: give either accelerators or its alias gpus, not both"),
                bad("infra and cloud", "resources:\n  infra: aws\n  cloud: gcp\n", "3:3",
                        "resources.cloud: give either infra or the legacy cloud/region/zone"),
                bad("any_of and ordered", "resources:\n  any_of:\n    - cpus: 1\n  ordered:\n    - cpus: 2\n", "4:3",
                        "not both"),
                bad("list with ordered", "resources:\n  accelerators: [A100, V100]\n  ordered:\n    - cpus: 2\n",
                        "2:17", "cannot be combined with ordered"),
                bad("service and pool", "service:\n  replicas: 1\npool:\n  workers: 1\n", "3:1", "both service and pool"),
                // Duplicate keys.
                bad("duplicate top key", "name: a\nname: b\n", "2:1", "name: duplicate key (first given on line 1)"),
                bad("duplicate nested key", "resources:\n  cpus: 1\n  cpus: 2\n", "3:3", "resources.cpus: duplicate key"),
                bad("duplicate env", "envs:\n  A: 1\n  B: 2\n  A: 3\n", "4:3", "envs.A: duplicate key"),
                // Values that stay null after overrides.
                bad("null env", "envs:\n  HF_TOKEN:\nrun: echo\n", "2:3",
                        "envs.HF_TOKEN: Environment variable 'HF_TOKEN' has no value"),
                bad("null secret", "secrets:\n  WANDB_KEY: null\nrun: echo\n", "2:3",
                        "secrets.WANDB_KEY: Secret 'WANDB_KEY' has no value"));
    }

    private static Arguments bad(String name, String yaml, String at, String fragment) {
        return Arguments.of(name, yaml, at, fragment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRejectedWithFileLineColumn(String name, String yaml, String at, String fragment) {
        SkyException e = Yamls.error(yaml);
        assertThat(e.getMessage()).startsWith("task.yaml:" + at + ": ").contains(fragment);
    }
}
