package dev.sky.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.provision.runtime.JobStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exit-code table of docs/cli.md for launch and exec without -d. */
class JobOutcomeTest {
    @Test
    void mapsEachEndToItsExitCode() {
        assertThat(JobOutcome.of("c", 1, JobStatus.SUCCEEDED, List.of()).exitCode()).isZero();
        assertThat(JobOutcome.of("c", 1, JobStatus.FAILED_SETUP, List.of()).exitCode()).isEqualTo(100);
        assertThat(JobOutcome.of("c", 1, JobStatus.CANCELLED, List.of()).exitCode()).isEqualTo(103);
    }

    @Test
    void aFailedJobExitsWithTheRankThatFailedNotTheOnesSkyStopped() {
        JobOutcome o = JobOutcome.of("c", 2, JobStatus.FAILED, List.of(143, 7, 137));
        assertThat(o.exitCode()).isEqualTo(7);
        assertThat(o.line()).contains("FAILED").contains("rank 1 exited with 7");
        assertThat(JobOutcome.of("c", 2, JobStatus.FAILED, List.of(0, 0, 3)).exitCode()).isEqualTo(3);
    }

    @Test
    void theLastLineStatesTheOutcomeInWords() {
        assertThat(JobOutcome.of("c", 4, JobStatus.SUCCEEDED, List.of()).line())
                .isEqualTo("Job 4 on cluster 'c' SUCCEEDED.");
    }
}
