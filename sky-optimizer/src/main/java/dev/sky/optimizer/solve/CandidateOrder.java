package dev.sky.optimizer.solve;

import dev.sky.optimizer.plan.Candidate;
import java.util.Comparator;

/**
 * Best-first order of candidates, with ties broken deterministically: price, then cloud id, region, zone,
 * instance type. For an ordered choice the user's order comes before price.
 */
final class CandidateOrder {

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    static final Comparator<Candidate> BY_COST = Comparator.comparingDouble(Candidate::hourlyCost)
            .thenComparing(Candidate::cloud, NULLS_FIRST)
            .thenComparing(Candidate::region, NULLS_FIRST)
            .thenComparing(Candidate::zone, NULLS_FIRST)
            .thenComparing(Candidate::instanceType, NULLS_FIRST)
            .thenComparingInt(Candidate::choiceIndex);

    static final Comparator<Candidate> BY_CHOICE_THEN_COST = Comparator.comparingInt(Candidate::choiceIndex)
            .thenComparing(BY_COST);

    private CandidateOrder() {}

    static Comparator<Candidate> of(boolean ordered) {
        return ordered ? BY_CHOICE_THEN_COST : BY_COST;
    }
}
