package dev.sky.provision.spi;

import java.util.List;
import java.util.Map;

/**
 * A multi-node create that half-succeeded. Holds the nodes that came up (so the caller can offer cleanup or
 * terminate them) and the cause per node that did not. The message names cloud, region, instance type and counts.
 */
public class PartialProvisionException extends ProvisionException {
    private final List<NodeInfo> succeeded;
    private final Map<String, Throwable> failed;

    /**
     * @param request what was asked
     * @param succeeded the nodes that came up
     * @param failed cause per node that did not, keyed by instance id or {@code rank-N} when it has none
     * @param blockScope how much of the search space the failure rules out
     */
    public PartialProvisionException(ProvisionRequest request, List<NodeInfo> succeeded,
                                     Map<String, Throwable> failed, BlockScope blockScope) {
        super(summary(request, succeeded.size(), failed), request.cloud(), request.region(), request.zone(),
                blockScope, failed.values().stream().findFirst().orElse(null));
        this.succeeded = List.copyOf(succeeded);
        this.failed = Map.copyOf(failed);
    }

    public List<NodeInfo> succeeded() {
        return succeeded;
    }

    public Map<String, Throwable> failed() {
        return failed;
    }

    private static String summary(ProvisionRequest r, int ok, Map<String, Throwable> failed) {
        String where = r.cloud() + (r.region() == null ? "" : " " + r.region()) + (r.zone() == null ? "" : " (" + r.zone() + ")");
        String first = failed.values().stream().findFirst().map(Throwable::getMessage).orElse("unknown error");
        return "created " + ok + " of " + r.numNodes() + " nodes of " + r.instanceType() + " on " + where
                + "; " + failed.size() + " failed: " + first;
    }
}
