package dev.sky.clouds.aws.provision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * A cluster's instances as EC2 reports them now, found by sky's tags. A cluster name may have older, terminated
 * incarnations still visible: per rank, the newest instance stands for the node.
 */
record ClusterInstances(List<Instance> all) {

    static ClusterInstances describe(Ec2Calls calls, String userId, String cluster) {
        return new ClusterInstances(describe(calls, AwsTags.filters(userId, cluster)));
    }

    /**
     * The instances of each of {@code clusters} (this user's), from one DescribeInstances per
     * {@link #NAMES_PER_CALL} names (plus pages): the cluster-name filter takes a list of values, OR-ed.
     */
    static Map<String, ClusterInstances> describeMany(Ec2Calls calls, String userId, List<String> clusters) {
        Map<String, List<Instance>> byCluster = new java.util.HashMap<>();
        for (int from = 0; from < clusters.size(); from += NAMES_PER_CALL) {
            List<String> names = clusters.subList(from, Math.min(clusters.size(), from + NAMES_PER_CALL));
            List<Filter> filters = new ArrayList<>(AwsTags.filters(userId, null));
            filters.add(Filter.builder().name("tag:" + AwsTags.CLUSTER).values(names).build());
            for (Instance i : describe(calls, filters)) {
                byCluster.computeIfAbsent(AwsTags.get(i.tags(), AwsTags.CLUSTER), k -> new ArrayList<>()).add(i);
            }
        }
        Map<String, ClusterInstances> out = new java.util.LinkedHashMap<>();
        for (String c : clusters) {
            out.put(c, new ClusterInstances(byCluster.getOrDefault(c, List.of())));
        }
        return out;
    }

    /** EC2 takes at most 200 values in one filter. */
    static final int NAMES_PER_CALL = 200;

    private static List<Instance> describe(Ec2Calls calls, List<Filter> filters) {
        List<Instance> out = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            DescribeInstancesResponse r = calls.call("DescribeInstances", null, () -> calls.ec2.describeInstances(
                    DescribeInstancesRequest.builder().filters(filters).nextToken(next).build()));
            for (Reservation res : r.reservations()) {
                out.addAll(res.instances());
            }
            token = r.nextToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    /** The newest instance of each rank, in rank order; instances without a rank tag come last, by id. */
    List<Instance> newestPerRank() {
        Map<Integer, Instance> byRank = new TreeMap<>();
        List<Instance> unranked = new ArrayList<>();
        for (Instance i : all) {
            int rank = Ec2InstanceToNodeInfo.rank(i);
            if (rank < 0) {
                unranked.add(i);
                continue;
            }
            byRank.merge(rank, i, ClusterInstances::newer);
        }
        List<Instance> out = new ArrayList<>(byRank.values());
        unranked.sort(Comparator.comparing(Instance::instanceId));
        out.addAll(unranked);
        return out;
    }

    /** The newest live (not shutting down or terminated) instance of each rank, in rank order. */
    List<Instance> liveByRank() {
        return newestPerRank().stream().filter(ClusterInstances::live).filter(i -> Ec2InstanceToNodeInfo.rank(i) >= 0)
                .toList();
    }

    /** Every instance that is not yet terminating, whatever its rank: what terminate must end. */
    List<Instance> allLive() {
        return all.stream().filter(ClusterInstances::live).toList();
    }

    static boolean live(Instance i) {
        InstanceStateName s = i.state() == null ? null : i.state().name();
        return s != InstanceStateName.SHUTTING_DOWN && s != InstanceStateName.TERMINATED;
    }

    static boolean in(Instance i, InstanceStateName... states) {
        InstanceStateName s = i.state() == null ? null : i.state().name();
        for (InstanceStateName x : states) {
            if (x == s) {
                return true;
            }
        }
        return false;
    }

    private static Instance newer(Instance a, Instance b) {
        boolean aLive = live(a);
        if (aLive != live(b)) {
            return aLive ? a : b;
        }
        if (a.launchTime() == null || b.launchTime() == null) {
            return a.instanceId().compareTo(b.instanceId()) >= 0 ? a : b;
        }
        return a.launchTime().isAfter(b.launchTime()) ? a : b;
    }
}
