package dev.sky.cli.cluster;

import dev.sky.provision.cluster.reconcile.Reconciled;
import dev.sky.provision.cluster.reconcile.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The lines {@code sky status} adds after a refresh, and its notice about orphans. */
public final class RefreshText {
    private RefreshText() {}

    /** One line per cluster the refresh changed or has something to say about. */
    public static List<String> notes(List<Reconciled> outcomes) {
        List<String> out = new ArrayList<>();
        for (Reconciled o : outcomes) {
            String what = switch (o.verdict()) {
                case REMOVED -> "its nodes are gone; record removed";
                case STOPPED -> "stopped outside sky; now STOPPED";
                case PARTIAL, ADDRESS_CHANGED, RUNNING_AGAIN, RUNTIME_DOWN -> "now INIT: " + o.note();
                case HEAD_NO_ANSWER -> o.note();
                case ABSENT_WITHIN_GRACE -> "kept: " + o.note();
                case BUSY -> "left alone: " + o.note();
                case UNKNOWN -> "unchanged: " + o.note();
                case UNCHANGED -> o.note();
            };
            if (what != null && (o.verdict() != Verdict.UNCHANGED || o.note() != null)) {
                out.add("Cluster '" + o.name() + "': " + what + ".");
            }
        }
        return out;
    }

    /** The orphan notice, when gc has seen some. */
    public static Optional<String> orphans(int count) {
        return count == 0 ? Optional.empty() : Optional.of("* " + count + " resource(s) carry sky's tags but belong"
                + " to no cluster (orphans). List them with `sky gc`; delete them with `sky gc --yes`.");
    }
}
