package dev.sky.clouds.local.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeProcessesTest {
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void entriesMatchWholeNulSeparatedEntriesOnly() {
        byte[] env = "A=1\0SKY_NODE_ID=c/1\0SKY_NODE_ID=c/10x\0".getBytes(StandardCharsets.UTF_8);
        assertThat(NodeProcesses.hasEntry(env, "SKY_NODE_ID=c/1".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(NodeProcesses.hasEntry(env, "SKY_NODE_ID=c/10".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(NodeProcesses.hasEntry(env, "A=".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void findsOnlyProcessesWithBothMarksAndKillsEvenAForkingLoop() throws Exception {
        assumeTrue(ProcScan.available(), "needs /proc");
        NodeProcesses.Marks marks = new NodeProcesses.Marks("np/0", "/nonexistent/np/node-0");
        Process loop = start("while true; do sleep 0.05; done", "SKY_NODE_ID=np/0",
                "SKY_NODE_HOME=/nonexistent/np/node-0");
        Process detached = start("setsid sleep 1000 & wait", "SKY_NODE_ID=np/0",
                "SKY_NODE_HOME=/nonexistent/np/node-0");
        Process otherHome = start("sleep 1000", "SKY_NODE_ID=np/0", "SKY_NODE_HOME=/elsewhere/np/node-0");
        assertThat(LocalNodeSshTest.waitFor(() -> NodeProcesses.find(marks).size() >= 3)).isTrue();
        assertThat(NodeProcesses.find(marks)).contains(loop.pid(), detached.pid())
                .doesNotContain(otherHome.pid());

        assertThat(NodeProcesses.killAll(marks, Duration.ofMillis(200))).isTrue();

        assertThat(NodeProcesses.find(marks)).isEmpty();
        assertThat(ProcScan.withEnv("SKY_NODE_HOME=/nonexistent/np/node-0")).isEmpty();
        assertThat(otherHome.isAlive()).as("a process with another node home is left alone").isTrue();
    }

    private Process start(String script, String... env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        for (String e : env) {
            int eq = e.indexOf('=');
            pb.environment().put(e.substring(0, eq), e.substring(eq + 1));
        }
        Process p = pb.start();
        started.add(p);
        return p;
    }
}
