package dev.sky.provision.runtime;

import java.time.Instant;
import java.util.List;

/**
 * One row of a cluster's job queue, as {@code sky-rt queue} reports it.
 *
 * @param id the job id, unique on the cluster
 * @param name the job name, or null
 * @param user the launching user's name, or null
 * @param userId the launching user's id hash, or null
 * @param status the status
 * @param submittedAt when the job was submitted
 * @param startedAt when the run started (after setup), or null
 * @param endedAt when the job ended, or null
 * @param numNodes nodes the job runs on
 * @param resources the resources as the queue shows them, e.g. {@code 1x[CPU:0.5]}
 * @param exitCodes exit codes in rank order, of run (or of setup when setup failed); empty before either ended
 * @param logDir the job's log folder on the head node
 */
public record JobRecord(
        long id,
        String name,
        String user,
        String userId,
        JobStatus status,
        Instant submittedAt,
        Instant startedAt,
        Instant endedAt,
        int numNodes,
        String resources,
        List<Integer> exitCodes,
        String logDir) {

    public JobRecord {
        exitCodes = List.copyOf(exitCodes);
    }
}
