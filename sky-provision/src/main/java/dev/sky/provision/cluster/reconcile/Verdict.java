package dev.sky.provision.cluster.reconcile;

/** What a refresh concluded about one cluster. */
public enum Verdict {
    /** The cloud agrees with the record. */
    UNCHANGED,
    /** Every node runs again after the record said otherwise; the record goes to INIT until a launch or start. */
    RUNNING_AGAIN,
    /** Every node is stopped: STOPPED. */
    STOPPED,
    /** Some nodes are missing, pending or in mixed states: INIT (SkyPilot's "abnormal"). */
    PARTIAL,
    /** The nodes run but the head's address changed (a stop and start outside sky): INIT, run start to recover. */
    ADDRESS_CHANGED,
    /**
     * Every node runs, but the head's runtime is damaged or one of its daemons is down (sky-rt health): INIT
     * (SkyPilot's "abnormal"), run start to recover.
     */
    RUNTIME_DOWN,
    /** Every node runs, but the head did not answer SSH in time (a transient error): left UP, never demoted. */
    HEAD_NO_ANSWER,
    /** No node was found, but not yet for the whole grace period: the record is kept. */
    ABSENT_WITHIN_GRACE,
    /** No node was found for longer than the grace period, confirmed once more: the record was removed. */
    REMOVED,
    /** Another sky command holds the cluster (it is being created, started or torn down): left alone. */
    BUSY,
    /** The cloud could not be asked: the record is left as it was. */
    UNKNOWN
}
