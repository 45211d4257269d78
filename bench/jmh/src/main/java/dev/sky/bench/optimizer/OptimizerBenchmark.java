package dev.sky.bench.optimizer;

import dev.sky.core.task.AcceleratorDemand;
import dev.sky.core.task.ResourceChoice;
import dev.sky.core.task.Resources;
import dev.sky.core.task.Task;
import dev.sky.optimizer.CloudOffering;
import dev.sky.optimizer.Optimizer;
import dev.sky.optimizer.PlanRequest;
import dev.sky.optimizer.index.CatalogIndex;
import dev.sky.optimizer.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One optimization over a 100,000-row generated catalog (three clouds). Goal: a task with a 3-way accelerator dict
 * in at most 20 ms. Run with {@code java -jar target/benchmarks.jar -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OptimizerBenchmark {

    private static final Set<String> ENABLED = Set.of("aws", "gcp", "azure");

    private List<CloudOffering> clouds;
    private PlanRequest acceleratorDict;
    private PlanRequest acceleratorDictSpot;
    private PlanRequest defaultCpu;

    @Setup
    public void setUp() {
        clouds = GeneratedCatalogs.offerings();
        if (GeneratedCatalogs.rowCount(clouds) != GeneratedCatalogs.TOTAL_ROWS) {
            throw new IllegalStateException("the generated catalogs must hold 100,000 rows");
        }
        acceleratorDict = request(dict(false));
        acceleratorDictSpot = request(dict(true));
        defaultCpu = request(ResourceChoice.single(Resources.defaults()));
        for (PlanRequest r : List.of(acceleratorDict, acceleratorDictSpot, defaultCpu)) {
            if (!Optimizer.optimize(r).feasible()) {
                throw new IllegalStateException("benchmark request is infeasible: " + r.pipeline());
            }
        }
    }

    /** {V100:1, T4:1, A100:8}, as {@code accelerators: {V100: 1, T4: 1, A100: 8}} gives. */
    private static ResourceChoice dict(boolean spot) {
        Resources base = Resources.defaults();
        if (spot) {
            base = new Resources(base.infra(), null, null, null, null, true, null, base.diskSizeGb(), null, null,
                    null, null, null, null, null, null, null, null);
        }
        return new ResourceChoice(List.of(base.withAccelerator(AcceleratorDemand.of("V100", 1)),
                base.withAccelerator(AcceleratorDemand.of("T4", 1)),
                base.withAccelerator(AcceleratorDemand.of("A100", 8))), false);
    }

    private PlanRequest request(ResourceChoice choice) {
        Task task = new Task("bench", null, 1, null, null, null, null, "true", choice, null, null, null, null, null,
                null, null, null);
        return PlanRequest.of(task, clouds, ENABLED);
    }

    @Benchmark
    public Plan acceleratorDict() {
        return Optimizer.optimize(acceleratorDict);
    }

    @Benchmark
    public Plan acceleratorDictSpot() {
        return Optimizer.optimize(acceleratorDictSpot);
    }

    @Benchmark
    public Plan defaultCpu() {
        return Optimizer.optimize(defaultCpu);
    }

    /**
     * What one command pays: index the three catalogs (each index part is built on first use) and plan the
     * accelerator dict once.
     */
    @Benchmark
    public Plan acceleratorDictIncludingIndexing() {
        List<CloudOffering> fresh = new ArrayList<>(clouds.size());
        for (CloudOffering c : clouds) {
            fresh.add(new CloudOffering(c.descriptor(), CatalogIndex.of(c.index().catalog())));
        }
        return Optimizer.optimize(new PlanRequest(acceleratorDict.pipeline(), fresh, ENABLED, false));
    }
}
