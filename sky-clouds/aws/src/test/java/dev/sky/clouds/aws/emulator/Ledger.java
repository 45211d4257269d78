package dev.sky.clouds.aws.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every call the emulator answered: what was asked (without secrets), when, and how it ended. Thread-safe. */
public final class Ledger {
    /** Parameters whose values never go in the log. */
    private static final Set<String> SECRET = Set.of("UserData", "PublicKeyMaterial");

    /**
     * One call.
     *
     * @param outcome "ok" or the error code
     * @param injectedLatency how long the emulator held the answer back on purpose ({@link Faults#latency})
     */
    public record Call(String action, String region, Map<String, String> params, Instant at, String outcome,
                       int httpStatus, Duration injectedLatency) {}

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Integer> counts = new HashMap<>();

    synchronized void record(String action, String region, Map<String, String> params, String outcome, int status,
                             long latencyMillis) {
        Map<String, String> shown = new LinkedHashMap<>();
        params.forEach((k, v) -> shown.put(k, SECRET.contains(k) ? "(redacted)" : v));
        calls.add(new Call(action, region, Map.copyOf(shown), Instant.now(), outcome, status,
                Duration.ofMillis(latencyMillis)));
        counts.merge(action, 1, Integer::sum);
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Call> calls(String action) {
        return calls.stream().filter(c -> c.action().equals(action)).toList();
    }

    /** How many times {@code action} was called, errors included. */
    public synchronized int count(String action) {
        return counts.getOrDefault(action, 0);
    }

    /** The latency injected into all calls so far: what a benchmark subtracts to get its own overhead. */
    public synchronized Duration totalInjectedLatency() {
        return calls.stream().map(Call::injectedLatency).reduce(Duration.ZERO, Duration::plus);
    }

    public synchronized Map<String, Integer> counts() {
        return Map.copyOf(counts);
    }

    public synchronized void clear() {
        calls.clear();
        counts.clear();
    }
}
