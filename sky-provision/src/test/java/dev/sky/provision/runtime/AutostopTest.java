package dev.sky.provision.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.task.Autostop;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SKY_TIME_SCALE=0.01: one idle minute is 0.6 s, one watchdog poll (10 s) is 0.1 s. */
class AutostopTest {
    @TempDir
    Path tmp;
    RuntimeHarness rt;
    Path hookFired;

    @BeforeEach
    void setUp() throws Exception {
        rt = new RuntimeHarness(tmp, "idle", 1, 2, 0);
        hookFired = tmp.resolve("hook-fired");
    }

    @AfterEach
    void tearDown() {
        rt.close();
    }

    private AutostopState show() {
        return RuntimeOutputToRecords.autostop(rt.head(rt.commands.autostopShow()).out());
    }

    private void set(int minutes, String waitFor) {
        RuntimeHarness.Result r = rt.head(rt.commands.autostopSet(new Autostop(minutes, true, waitFor),
                "echo fired > " + hookFired));
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void runsTheHookOnceAfterTheIdleTime() {
        set(1, "jobs_and_ssh");
        AutostopState state = show();
        assertThat(state.idleMinutes()).isEqualTo(1);
        assertThat(state.down()).isTrue();
        assertThat(state.waitFor()).isEqualTo("jobs_and_ssh");
        RuntimeHarness.await(() -> Files.exists(hookFired), f -> f, "the hook");
        AutostopState after = RuntimeHarness.await(this::show, s -> !s.watchdogRunning(), "the watchdog to end");
        assertThat(after.hookRan()).isTrue();
        assertThat(after.idleSeconds()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void aRunningJobKeepsTheClusterBusyAndItsEndStartsTheIdleClock() throws Exception {
        Path gate = tmp.resolve("gate");
        long id = rt.submit(RuntimeHarness.job("busy", 0.5, 1, null,
                "while [ ! -e " + gate + " ]; do sleep 0.05; done"));
        rt.awaitStatus(id, JobStatus.RUNNING);
        set(1, "jobs");
        // Many polls (each 10 unscaled seconds) go by; a busy cluster never accrues idle time.
        AutostopState busy = RuntimeHarness.await(this::show, s -> s.polls() >= 12, "12 watchdog polls");
        assertThat(busy.idleSeconds()).isZero();
        assertThat(busy.hookRan()).isFalse();
        assertThat(hookFired).doesNotExist();
        Files.createFile(gate);
        rt.awaitTerminal(id);
        RuntimeHarness.await(() -> Files.exists(hookFired), f -> f, "the hook after the job ended");
    }

    @Test
    void anOpenSshSessionCountsAsActivityUnlessWaitForIsJobs() throws Exception {
        Path activity = rt.nodeDir(0).resolve("ssh_activity");
        Files.writeString(activity, "1\n");
        set(1, "jobs_and_ssh");
        AutostopState held = RuntimeHarness.await(this::show, s -> s.polls() >= 12, "12 watchdog polls");
        assertThat(held.idleSeconds()).isZero();
        assertThat(hookFired).doesNotExist();

        Files.writeString(activity, "0\n");
        RuntimeHarness.await(() -> Files.exists(hookFired), f -> f, "the hook once the session closed");

        Files.delete(hookFired);
        Files.writeString(activity, "1\n");
        set(1, "jobs");
        RuntimeHarness.await(() -> Files.exists(hookFired), f -> f, "the hook with wait_for=jobs");
    }

    @Test
    void cancellingAutostopStopsTheWatchdog() {
        set(100, "none");
        assertThat(show().watchdogRunning()).isTrue();
        assertThat(rt.head(rt.commands.autostopSet(Autostop.DISABLED, null)).exit()).isZero();
        AutostopState off = show();
        assertThat(off.idleMinutes()).isEqualTo(-1);
        assertThat(off.watchdogRunning()).isFalse();
    }

    /** A {@code sky down} that comes while the hook runs (it started in its own session) still ends the hook. */
    @Test
    void teardownEndsAHookThatIsAlreadyRunning() {
        String marker = "sleep 3" + ProcessHandle.current().pid() % 1000 + "7";
        RuntimeHarness.Result r = rt.head(rt.commands.autostopSet(new Autostop(0, true, "none"),
                "echo fired > " + hookFired + "; exec " + marker));
        assertThat(r.exit()).as(r.err()).isZero();
        RuntimeHarness.await(() -> RuntimeHarness.processesWith(marker), p -> !p.isEmpty(), "the hook to run");
        RuntimeHarness.Result down = rt.head(rt.commands.sky(0) + " teardown");
        assertThat(down.exit()).as(down.err()).isZero();
        assertThat(RuntimeHarness.processesWith(marker)).as("the hook after teardown").isEmpty();
    }
}
