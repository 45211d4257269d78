package dev.sky.provision.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.task.Autostop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRuntimeTest {
    @TempDir
    Path tmp;

    private static RuntimeHarness.Result sh(Path home, String command, String stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("dash", "-c", command).redirectErrorStream(false);
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes());
            }
        }
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        return new RuntimeHarness.Result(p.waitFor(), out, err);
    }

    @Test
    void versionIsDerivedFromTheScripts() {
        assertThat(NodeRuntime.version()).matches("1-[0-9a-f]{12}");
        assertThat(NodeRuntime.SCRIPTS).first().isEqualTo("sky-rt");
        assertThatThrownBy(() -> NodeRuntime.script("../etc/passwd")).hasMessageContaining("not a runtime script");
    }

    @Test
    void everyScriptParsesWithDash() throws Exception {
        for (String name : NodeRuntime.SCRIPTS) {
            Path f = tmp.resolve(name.replace('/', '_'));
            Files.writeString(f, NodeRuntime.script(name));
            RuntimeHarness.Result r = sh(tmp, "dash -n " + f, null);
            assertThat(r.exit()).as("%s: %s", name, r.err()).isZero();
        }
    }

    @Test
    void installsOnceAndSkipsWhenTheVersionIsPresent() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        assertThat(sh(home, RuntimeCommands.isInstalled(), null).exit()).isNotZero();
        RuntimeHarness.Result first = sh(home, NodeRuntime.installCommand(), NodeRuntime.installScript());
        assertThat(first.exit()).as(first.err()).isZero();
        Path dir = home.resolve(".sky/runtime/" + NodeRuntime.version());
        for (String name : NodeRuntime.SCRIPTS) {
            assertThat(Files.readString(dir.resolve(name))).isEqualTo(NodeRuntime.script(name));
        }
        assertThat(Files.isExecutable(dir.resolve("sky-rt"))).isTrue();
        assertThat(sh(home, RuntimeCommands.isInstalled(), null).exit()).isZero();

        Files.setLastModifiedTime(dir.resolve("lib/common.sh"), FileTime.fromMillis(0));
        RuntimeHarness.Result again = sh(home, NodeRuntime.installCommand(), NodeRuntime.installScript());
        assertThat(again.exit()).isZero();
        assertThat(Files.getLastModifiedTime(dir.resolve("lib/common.sh")).toMillis()).isZero();
        try (var leftovers = Files.list(home.resolve(".sky/runtime"))) {
            assertThat(leftovers).hasSize(1);
        }
        RuntimeHarness.Result version = sh(home, "sh \"$HOME/.sky/runtime/" + NodeRuntime.version() + "/sky-rt\" --version", null);
        assertThat(version.out()).isEqualTo(NodeRuntime.version() + "\n");
    }

    @Test
    void shellQuotingRoundTripsThroughARealShell() throws Exception {
        for (String value : List.of("plain", "", "two words", "it's", "$HOME `x` \"q\" \\ ;|&", "new\nline", "*")) {
            RuntimeHarness.Result r = sh(tmp, "printf '%s' " + ShellQuote.quote(value), null);
            assertThat(r.out()).isEqualTo(value);
        }
    }

    @Test
    void commandsAreExactAndCarryNoSecrets() {
        RuntimeCommands c = new RuntimeCommands("my-cluster");
        String rt = "sh \"$HOME/.sky/runtime/" + NodeRuntime.version() + "/sky-rt\" -c my-cluster";
        assertThat(c.status(3)).isEqualTo(rt + " -r 0 status 3");
        assertThat(c.cancel(List.of(1L, 2L))).isEqualTo(rt + " -r 0 cancel 1 2");
        assertThat(c.logs(4, true, 50)).isEqualTo(rt + " -r 0 logs 4 --follow --tail 50");
        assertThat(c.autostopSet(new Autostop(10, false, "jobs"), "sky stop -y my-cluster"))
                .isEqualTo(rt + " -r 0 autostop set 10 --wait-for jobs --hook 'sky stop -y my-cluster'");
        RuntimeInit init = new RuntimeInit("my-cluster", 1, "AWS", "us-east-1", null, 8, 1,
                List.of(new NodeAddress("10.0.0.1", 22, "ubuntu"), new NodeAddress("10.0.0.2", 22, "ubuntu")),
                "~/.ssh/sky-intra", "~/.sky/known_hosts");
        assertThat(c.init(init)).isEqualTo(rt + " -r 1 init --cloud AWS --region us-east-1 --cpus 8 --gpus 1"
                + " --ssh-key '~/.ssh/sky-intra' --known-hosts '~/.sky/known_hosts'"
                + " --node 10.0.0.1,22,ubuntu --node 10.0.0.2,22,ubuntu");
        assertThatThrownBy(() -> new RuntimeCommands("bad name;rm")).hasMessageContaining("invalid cluster name");

        JobSubmission job = new JobSubmission(new JobSpec("j", 1, 0.5, 0, true, "u", "id", null, null),
                Map.of("A", "1"), Map.of("TOKEN", "very-secret"), null, "echo hi");
        assertThat(job.toString()).doesNotContain("very-secret").contains("TOKEN");
        assertThat(c.submit()).doesNotContain("very-secret");
        assertThat(job.script("my-cluster")).contains("export TOKEN='very-secret'");
    }

    @Test
    void queueParserRejectsWhatIsNotQueueOutput() {
        assertThatThrownBy(() -> RuntimeOutputToRecords.queue("sky-rt: oops\n"))
                .hasMessageContaining("not sky-rt queue output");
        assertThatThrownBy(() -> RuntimeOutputToRecords.queue(RuntimeOutputToRecords.QUEUE_HEADER + "\tid\n1\tx\n"))
                .hasMessageContaining("queue line has 2 fields");
        assertThat(RuntimeOutputToRecords.exitCodes("0 1 137\n")).containsExactly(0, 1, 137);
        assertThat(RuntimeOutputToRecords.exitCodes("\n")).isEmpty();
        assertThat(JobStatus.FAILED_DRIVER.isTerminal()).isTrue();
        assertThat(JobStatus.RUNNING.isTerminal()).isFalse();
        assertThat(JobStatus.SETTING_UP.compareTo(JobStatus.RUNNING)).isNegative();
    }
}
