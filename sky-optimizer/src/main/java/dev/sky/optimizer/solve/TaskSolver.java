package dev.sky.optimizer.solve;

import dev.sky.core.task.ResourceChoice;
import dev.sky.core.task.Resources;
import dev.sky.core.task.Task;
import dev.sky.optimizer.CloudOffering;
import dev.sky.optimizer.PlanRequest;
import dev.sky.optimizer.match.Alternative;
import dev.sky.optimizer.match.CloudMatch;
import dev.sky.optimizer.match.OfferFinder;
import dev.sky.optimizer.plan.Candidate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds every candidate of one task over its resource options and clouds, and why nothing fits when nothing does. */
public final class TaskSolver {

    private static final int MAX_ALTERNATIVES = 10;

    private TaskSolver() {}

    public static TaskOptions solve(Task task, PlanRequest req) {
        ResourceChoice choice = task.resources();
        List<Candidate> all = new ArrayList<>();
        Set<String> reasons = new LinkedHashSet<>();
        List<Alternative> alternatives = new ArrayList<>();
        for (int i = 0; i < choice.candidates().size(); i++) {
            Resources r = choice.candidates().get(i);
            CloudScope scope = CloudScope.of(r, req);
            reasons.addAll(scope.reasons());
            for (CloudOffering scoped : scope.clouds()) {
                CloudOffering cloud = ShapedClouds.forCandidate(scoped, r);
                CloudMatch match = OfferFinder.find(r, task.numNodes(), cloud);
                if (match.feasible()) {
                    all.addAll(LocationExpander.expand(match.offers(), cloud, r, task.numNodes(), i));
                } else {
                    reasons.add(match.reason());
                    alternatives.addAll(match.alternatives());
                }
            }
        }
        all.sort(CandidateOrder.of(choice.ordered()));
        List<Candidate> candidates = withoutRepeats(all);
        List<Candidate> eligible = candidates;
        if (choice.ordered() && !candidates.isEmpty()) {
            int first = candidates.get(0).choiceIndex();
            eligible = candidates.stream().filter(c -> c.choiceIndex() == first).toList();
        }
        boolean fits = !candidates.isEmpty();
        return new TaskOptions(task, candidates, eligible, fits ? List.of() : List.copyOf(reasons),
                fits ? List.of() : alternativeTexts(alternatives));
    }

    /** Options of an any_of may overlap; a placement is listed once, at its best position. */
    private static List<Candidate> withoutRepeats(List<Candidate> sorted) {
        Set<Placement> seen = new HashSet<>();
        List<Candidate> out = new ArrayList<>(sorted.size());
        for (Candidate c : sorted) {
            if (seen.add(new Placement(c.cloud(), c.region(), c.zone(), c.instanceType(), c.acceleratorName(),
                    c.acceleratorCount(), c.spot()))) {
                out.add(c);
            }
        }
        return out;
    }

    private record Placement(String cloud, String region, String zone, String instanceType, String accelerator,
                             double count, boolean spot) {}

    private static List<String> alternativeTexts(List<Alternative> alternatives) {
        Map<String, Double> cheapest = new LinkedHashMap<>();
        for (Alternative a : alternatives) {
            cheapest.merge(a.text(), a.price(), Math::min);
        }
        return cheapest.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_ALTERNATIVES)
                .map(Map.Entry::getKey)
                .toList();
    }
}
