package dev.sky.provision.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.task.Autostop;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sky-rt health} with dash on a real node home: each way the runtime breaks, and the fix for it. */
class RuntimeHealthTest {
    @TempDir
    Path tmp;
    RuntimeHarness rt;

    @BeforeEach
    void setUp() throws Exception {
        rt = new RuntimeHarness(tmp, "hc", 1, 2, 0);
    }

    @AfterEach
    void tearDown() {
        rt.close();
    }

    private RuntimeHarness.Result health() {
        return rt.head(rt.commands.health());
    }

    private Path runtimeDir() {
        return rt.home(0).resolve(".sky/runtime/" + NodeRuntime.version());
    }

    @Test
    void aFreshNodeIsHealthy() {
        RuntimeHarness.Result r = health();
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        RuntimeHealth h = RuntimeHealth.parse(r.out());
        assertThat(h.healthy()).isTrue();
        assertThat(h.facts()).containsEntry("version", NodeRuntime.version()).containsEntry("files", "ok")
                .containsEntry("unfinished_jobs", "0").containsEntry("autostop", "unset");
    }

    @Test
    void aKilledSchedulerWithAJobRunningIsBrokenUntilStartDaemons() throws Exception {
        Path gate = tmp.resolve("gate");
        long id = rt.submit(RuntimeHarness.job("long", 0.5, 1, null,
                "while [ ! -e " + gate + " ]; do sleep 0.05; done"));
        rt.awaitStatus(id, JobStatus.RUNNING);
        assertThat(health().exit()).isZero();
        long scheduler = Long.parseLong(Files.readString(rt.nodeDir(0).resolve("scheduler.pid")).strip());
        ProcessHandle.of(scheduler).ifPresent(ProcessHandle::destroyForcibly);
        RuntimeHarness.await(() -> ProcessHandle.of(scheduler).map(ProcessHandle::isAlive).orElse(false),
                alive -> !alive, "the scheduler to die");

        RuntimeHarness.Result broken = health();

        assertThat(broken.exit()).isEqualTo(RuntimeCommands.EXIT_BROKEN);
        RuntimeHealth h = RuntimeHealth.parse(broken.out());
        assertThat(h.broken()).containsExactly("scheduler");
        assertThat(h.facts()).containsEntry("unfinished_jobs", "1").containsEntry("scheduler", "stopped")
                .containsEntry("dead_drivers", "");
        assertThat(h.describeBroken()).isEqualTo("the job scheduler daemon is down (1 unfinished job(s))");

        assertThat(rt.head(rt.commands.startDaemons()).exit()).isZero();
        assertThat(health().exit()).isZero();
        Files.createFile(gate);
        assertThat(rt.awaitTerminal(id)).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aKilledAutostopWatchdogIsBrokenUntilStartDaemons() throws Exception {
        RuntimeHarness.Result set = rt.head(rt.commands.autostopSet(new Autostop(60, false, "jobs"), "true"));
        assertThat(set.exit()).as(set.err()).isZero();
        long dog = Long.parseLong(Files.readString(rt.nodeDir(0).resolve("autostop/watchdog.pid")).strip());
        ProcessHandle.of(dog).ifPresent(ProcessHandle::destroyForcibly);
        RuntimeHarness.await(() -> ProcessHandle.of(dog).map(ProcessHandle::isAlive).orElse(false),
                alive -> !alive, "the watchdog to die");

        RuntimeHarness.Result broken = health();

        assertThat(broken.exit()).isEqualTo(RuntimeCommands.EXIT_BROKEN);
        assertThat(RuntimeHealth.parse(broken.out()).broken()).containsExactly("autostop_watchdog");
        assertThat(rt.head(rt.commands.startDaemons()).exit()).isZero();
        assertThat(health().exit()).isZero();
    }

    @Test
    void aRemovedOrChangedRuntimeFileIsBrokenAndTheInstallRepairsIt() throws Exception {
        Files.writeString(runtimeDir().resolve("lib/jobs.sh"), "\n# edited\n",
                java.nio.file.StandardOpenOption.APPEND);
        RuntimeHarness.Result changed = health();
        assertThat(changed.exit()).isEqualTo(RuntimeCommands.EXIT_BROKEN);
        assertThat(RuntimeHealth.parse(changed.out()).facts()).containsEntry("files", "changed_file");

        Files.delete(runtimeDir().resolve("sky-rt"));
        RuntimeHarness.Result missing = health();
        assertThat(missing.exit()).isEqualTo(RuntimeCommands.EXIT_BROKEN);
        assertThat(RuntimeHealth.parse(missing.out()).describeBroken())
                .isEqualTo("the runtime's files are damaged (missing_entry)");

        RuntimeHarness.Result install = rt.run(0, NodeRuntime.installCommand(), NodeRuntime.installScript());
        assertThat(install.exit()).as(install.err()).isZero();
        assertThat(health().exit()).isZero();
        for (String name : NodeRuntime.SCRIPTS) {
            assertThat(Files.readString(runtimeDir().resolve(name))).isEqualTo(NodeRuntime.script(name));
        }
        try (var left = Files.list(runtimeDir().getParent())) {
            assertThat(left).as("no broken or temporary copy left").hasSize(1);
        }
    }
}
