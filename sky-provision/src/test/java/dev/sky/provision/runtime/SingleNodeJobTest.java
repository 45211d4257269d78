package dev.sky.provision.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleNodeJobTest {
    @TempDir
    Path tmp;
    RuntimeHarness rt;

    @BeforeEach
    void setUp() throws Exception {
        rt = new RuntimeHarness(tmp, "solo", 1, 2, 0);
    }

    @AfterEach
    void tearDown() {
        rt.close();
    }

    @Test
    void runsSetupThenRunAndReportsThemInQueueStatusAndLogs() throws Exception {
        Files.createDirectories(rt.home(0).resolve("sky_workdir"));
        long id = rt.submit(RuntimeHarness.job("hello", 0.5, 1, "echo setting-up in $(pwd)", "echo hi from $(pwd)"));
        assertThat(id).isEqualTo(1);

        assertThat(rt.awaitTerminal(id)).isEqualTo(JobStatus.SUCCEEDED);
        String logs = rt.logs(id);
        assertThat(logs).contains("setting-up in " + rt.home(0).resolve("sky_workdir"))
                .contains("hi from " + rt.home(0).resolve("sky_workdir"));
        assertThat(logs.indexOf("setting-up")).isLessThan(logs.indexOf("hi from"));
        assertThat(logs).doesNotContain("SKY_RT_PID").doesNotContain("(head, rank=0");

        JobRecord row = rt.queue().get(0);
        assertThat(row.id()).isEqualTo(id);
        assertThat(row.name()).isEqualTo("hello");
        assertThat(row.user()).isEqualTo("alice");
        assertThat(row.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(row.exitCodes()).containsExactly(0);
        assertThat(row.submittedAt()).isNotNull();
        assertThat(row.startedAt()).isNotNull();
        assertThat(row.endedAt()).isAfterOrEqualTo(row.startedAt());
        assertThat(row.resources()).isEqualTo("1x[CPU:0.5]");
        Path logDir = Path.of(row.logDir());
        assertThat(logDir).isEqualTo(rt.home(0).resolve("sky_logs/solo/1-hello"));
        assertThat(Files.readString(logDir.resolve("setup.log"))).contains("setting-up");
        assertThat(Files.readString(logDir.resolve("run.log"))).isEqualTo(logs);
    }

    @Test
    void setsSkypilotVariablesInSkypilotFormats() throws Exception {
        String dump = "for v in SKYPILOT_NODE_RANK SKYPILOT_NODE_IPS SKYPILOT_NUM_NODES SKYPILOT_NUM_GPUS_PER_NODE "
                + "SKYPILOT_TASK_ID SKYPILOT_JOB_ID SKYPILOT_CLUSTER_INFO SKYPILOT_USER SKYPILOT_USER_ID "
                + "SKYPILOT_INTERNAL_JOB_ID SKYPILOT_SETUP_NODE_RANK SKYPILOT_SETUP_NODE_IPS "
                + "SKYPILOT_SETUP_NUM_GPUS_PER_NODE MY_ENV MY_SECRET; do eval \"printf '%s=[%s]\\n' $v \\\"\\$$v\\\"\"; done";
        JobSpec spec = new JobSpec("vars", 1, 0.5, 0, true, "bob", "beef0001", null, "2024-07-06-21-18-31-563597");
        long id = rt.submit(new JobSubmission(spec, Map.of("MY_ENV", "it's \"quoted\" $HOME"),
                Map.of("MY_SECRET", "hunter2"), dump.replace("SKYPILOT_NODE", "SKYPILOT_XNODE"), dump));
        assertThat(rt.awaitTerminal(id)).isEqualTo(JobStatus.SUCCEEDED);
        String logs = rt.logs(id);
        String run = logs.substring(logs.lastIndexOf("SKYPILOT_XNODE_RANK") + 1);

        assertThat(run).contains("SKYPILOT_NODE_RANK=[0]", "SKYPILOT_NODE_IPS=[127.0.0.1]",
                "SKYPILOT_NUM_NODES=[1]", "SKYPILOT_NUM_GPUS_PER_NODE=[0]",
                "SKYPILOT_TASK_ID=[sky-2024-07-06-21-18-31-563597_solo_1]",
                "SKYPILOT_JOB_ID=[sky-2024-07-06-21-18-31-563597_solo_1]",
                "SKYPILOT_CLUSTER_INFO=[{\"cluster_name\": \"solo\", \"cloud\": \"Local\", \"region\": \"local\", "
                        + "\"zone\": null}]",
                "SKYPILOT_USER=[bob]", "SKYPILOT_USER_ID=[beef0001]", "SKYPILOT_INTERNAL_JOB_ID=[1]",
                "MY_ENV=[it's \"quoted\" $HOME]", "MY_SECRET=[hunter2]", "SKYPILOT_SETUP_NODE_RANK=[]");
        String setup = Files.readString(rt.home(0).resolve("sky_logs/solo/1-vars/setup.log"));
        assertThat(setup).contains("SKYPILOT_SETUP_NODE_RANK=[0]", "SKYPILOT_SETUP_NODE_IPS=[127.0.0.1]",
                "SKYPILOT_SETUP_NUM_GPUS_PER_NODE=[0]", "SKYPILOT_NUM_NODES=[1]",
                "SKYPILOT_TASK_ID=[sky-2024-07-06-21-18-31-563597_solo_1]", "MY_SECRET=[hunter2]");
    }

    @Test
    void generatesTaskIdTimestampWhenNoneIsGiven() {
        long id = rt.submit(RuntimeHarness.job("ts", 0.5, 1, null, "echo \"id=$SKYPILOT_TASK_ID\""));
        rt.awaitTerminal(id);
        assertThat(rt.logs(id)).containsPattern(
                Pattern.compile("id=sky-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{6}_solo_1\\n"));
    }

    @Test
    void keepsEnvFileAndJobFolderPrivateAndSecretsOffCommandLines() throws Exception {
        JobSpec spec = new JobSpec("secret", 1, 0.5, 0, true, "alice", "a1", null, null);
        String gate = tmp.resolve("gate").toString();
        long id = rt.submit(new JobSubmission(spec, Map.of(), Map.of("API_TOKEN", "tok-SECRETVALUE-42"), null,
                "sleep 300 & while [ ! -e " + gate + " ]; do sleep 0.05; done; kill $!; echo token-len=${#API_TOKEN}"));
        rt.awaitStatus(id, JobStatus.RUNNING);

        Path jobDir = rt.nodeDir(0).resolve("jobs/" + id);
        assertThat(Files.getPosixFilePermissions(jobDir.resolve("env")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(Files.getPosixFilePermissions(jobDir)).doesNotContain(PosixFilePermission.GROUP_READ,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(Files.readString(jobDir.resolve("env"))).contains("tok-SECRETVALUE-42");
        RuntimeHarness.await(() -> rt.head("ps -eo args").out(), o -> o.contains("sleep 300"), "the job's sleep");
        for (int sample = 0; sample < 5; sample++) {
            RuntimeHarness.Result ps = rt.head("ps -eo args");
            assertThat(ps.out()).contains("sleep 300").doesNotContain("SECRETVALUE");
        }
        Files.createFile(Path.of(gate));
        assertThat(rt.awaitTerminal(id)).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(rt.logs(id)).contains("token-len=18").doesNotContain("SECRETVALUE");
        assertThat(rt.queue().toString()).doesNotContain("SECRETVALUE");
    }

    @Test
    void setupFailureMarksFailedSetupAndSkipsRun() throws Exception {
        long id = rt.submit(RuntimeHarness.job("bad-setup", 0.5, 1, "echo before; false; echo after-false",
                "echo run-should-not-happen"));
        assertThat(rt.awaitTerminal(id)).isEqualTo(JobStatus.FAILED_SETUP);
        String logs = rt.logs(id);
        assertThat(logs).contains("before").doesNotContain("after-false").doesNotContain("run-should-not-happen");
        assertThat(logs).containsPattern("ERROR: Job 1's setup failed. Failed workers: \\(pid=\\d+, returncode=1\\)\\.");
        JobRecord row = rt.queue().get(0);
        assertThat(row.exitCodes()).containsExactly(1);
        assertThat(row.startedAt()).isNull();
    }

    @Test
    void runFailureMarksFailedWithItsExitCode() {
        long id = rt.submit(RuntimeHarness.job("bad-run", 0.5, 1, null, "echo working; exit 42"));
        assertThat(rt.awaitTerminal(id)).isEqualTo(JobStatus.FAILED);
        assertThat(rt.logs(id)).contains("working\nERROR: Job 1 failed with return code list: [42]");
        assertThat(RuntimeOutputToRecords.exitCodes(rt.head(rt.commands.exitCodes(id)).out())).containsExactly(42);
    }

    @Test
    void streamsA300000CharacterLineIntact() throws Exception {
        long id = rt.submit(RuntimeHarness.job("long-line", 0.5, 1, null,
                "head -c 300000 /dev/zero | tr '\\0' 'x'; echo; echo after"));
        rt.awaitTerminal(id);
        String expected = "x".repeat(300_000) + "\nafter\n";
        assertThat(rt.logs(id)).isEqualTo(expected);
        RuntimeHarness.Result follow = rt.head(rt.commands.logs(id, true, 0));
        assertThat(follow.out()).isEqualTo(expected);
        assertThat(rt.head(rt.commands.logs(id, false, 2)).out()).isEqualTo(expected);
        assertThat(rt.head(rt.commands.logs(id, false, 1)).out()).isEqualTo("after\n");
    }

    @Test
    void tailOfABigLogReadsOnlyItsEnd() throws Exception {
        long id = rt.submit(RuntimeHarness.job("big", 0.5, 1, null, "echo small"));
        rt.awaitTerminal(id);
        // A 64 MB log whose head is unreadable garbage: tail must not depend on it.
        Path log = rt.home(0).resolve("sky_logs/solo/1-big/run.log");
        try (var ch = java.nio.channels.FileChannel.open(log, java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(64L << 20);
            ch.write(java.nio.ByteBuffer.wrap("\nline-a\nline-b\nline-c\n".getBytes()));
        }
        RuntimeHarness.Result tail = rt.head("ulimit -t 5; " + rt.commands.logs(id, false, 2));
        assertThat(tail.exit()).isZero();
        assertThat(tail.out()).isEqualTo("line-b\nline-c\n");
        // The follow mode of a finished job prints from the tail and ends.
        assertThat(rt.head(rt.commands.logs(id, true, 3)).out()).isEqualTo("line-a\nline-b\nline-c\n");
    }

    @Test
    void followPrintsOutputAsItComesAndEndsWithTheJob() throws Exception {
        Path gate = tmp.resolve("go");
        long id = rt.submit(RuntimeHarness.job("follow", 0.5, 1, null,
                "echo first; while [ ! -e " + gate + " ]; do sleep 0.05; done; echo second"));
        rt.awaitStatus(id, JobStatus.RUNNING);
        RuntimeHarness.await(() -> rt.logs(id), l -> l.contains("first"), "first line");
        Files.createFile(gate);
        RuntimeHarness.Result follow = rt.head(rt.commands.logs(id, true, 0));
        assertThat(follow.exit()).isZero();
        assertThat(follow.out()).isEqualTo("first\nsecond\n");
        assertThat(rt.status(id)).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void queueJsonHasTheSameJobs() {
        long id = rt.submit(RuntimeHarness.job("j\"son", 0.5, 1, null, "exit 3"));
        rt.awaitTerminal(id);
        String json = rt.head(rt.commands.queueJson()).out();
        assertThat(json).startsWith("[{\"id\": 1, \"name\": \"j\\\"son\", \"user\": \"alice\"")
                .contains("\"status\": \"FAILED\"", "\"exit_codes\": [3]", "\"num_nodes\": 1").endsWith("}]\n");
    }

    @Test
    void rejectsBadInputWithClearMessagesAndWritesNothing() throws Exception {
        RuntimeHarness.Result unknown = rt.head(rt.commands.status(99));
        assertThat(unknown.exit()).isEqualTo(RuntimeCommands.EXIT_NOT_FOUND);
        assertThat(unknown.err()).isEqualTo("sky-rt: job 99 not found on cluster 'solo'\n");

        RuntimeHarness.Result tooBig = rt.run(0, rt.commands.submit(),
                RuntimeHarness.job("huge", 64, 1, null, "true").script("solo"));
        assertThat(tooBig.exit()).isEqualTo(RuntimeCommands.EXIT_USAGE);
        assertThat(tooBig.err()).contains("needs 64 CPUs per node; nodes have 2");

        Path dir = Files.createDirectories(tmp.resolve("handmade"));
        Files.writeString(dir.resolve("spec"), "name=x\ncpu=1\n");
        RuntimeHarness.Result badKey = rt.head(rt.commands.sky(0) + " submit " + dir);
        assertThat(badKey.exit()).isEqualTo(RuntimeCommands.EXIT_USAGE);
        assertThat(badKey.err()).contains("spec line 2: unknown key 'cpu'");
        assertThat(rt.queue()).isEmpty();

        RuntimeHarness.Result notInit = rt.head(new RuntimeCommands("other").queue(false));
        assertThat(notInit.exit()).isEqualTo(RuntimeCommands.EXIT_NOT_INITIALISED);
        assertThat(List.of(rt.head(rt.commands.sky(0) + " frobnicate").err()))
                .allMatch(e -> e.startsWith("sky-rt: unknown subcommand 'frobnicate'"));
    }
}
