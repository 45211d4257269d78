package dev.sky.optimizer.check;

import dev.sky.core.SkyException;
import dev.sky.core.config.NearestKey;
import dev.sky.core.config.SkyConfig;
import dev.sky.core.state.CloudCheckCache;
import dev.sky.core.state.StateStore;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CloudDescriptor;
import dev.sky.optimizer.cloud.CloudRegistry;
import dev.sky.optimizer.cloud.CredentialStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * {@code sky check}'s engine. Runs the clouds' credential checks in parallel, applies {@code allowed_clouds}, and
 * keeps the enabled set in the state DB so that launching does not re-check every time. As in SkyPilot, checking
 * some clouds updates only their entries: the cached set is allowed ∩ ((earlier enabled ∪ newly enabled) − newly
 * disabled).
 */
public final class CloudChecker {
    private static final int MAX_THREADS = 4;

    private final CloudRegistry registry;
    private final CheckContext context;
    private final Supplier<SkyConfig> config;
    private final StateStore store;
    private final Clock clock;

    /**
     * @param config read when first needed, so a command that never checks never reads the file
     */
    public CloudChecker(CloudRegistry registry, CheckContext context, Supplier<SkyConfig> config, StateStore store,
                        Clock clock) {
        this.registry = registry;
        this.context = context;
        this.config = config;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Checks the named clouds (ids or aliases; all clouds when empty), records the results and returns them in
     * cloud-id order. An unknown cloud name is invalid input.
     */
    public List<CredentialStatus> check(Collection<String> cloudNames) {
        SkyConfig cfg = config.get();
        Set<String> allowed = AllowedClouds.resolve(cfg, registry);
        List<CloudDescriptor> selected = select(cloudNames);
        List<CredentialStatus> statuses = runChecks(selected, cfg, allowed);
        Map<String, Boolean> results = new LinkedHashMap<>();
        statuses.forEach(s -> results.put(s.cloud(), s.enabled()));
        store.cloudChecks().record(results, cfg.allowedCloudsKey(), clock.instant());
        return statuses;
    }

    /**
     * The enabled clouds, from the cache. The check runs (for every cloud) only when the cache is empty, when
     * {@code allowed_clouds} changed since, or when an allowed cloud was never checked.
     */
    public Set<String> enabledClouds() {
        SkyConfig cfg = config.get();
        Set<String> allowed = AllowedClouds.resolve(cfg, registry);
        CloudCheckCache cache = store.cloudChecks().load();
        if (stale(cache, cfg, allowed)) {
            check(List.of());
            cache = store.cloudChecks().load();
        }
        return usable(cache, allowed);
    }

    private boolean stale(CloudCheckCache cache, SkyConfig cfg, Set<String> allowed) {
        if (cache.isEmpty() || !Objects.equals(cache.allowedCloudsKey(), cfg.allowedCloudsKey())) {
            return true;
        }
        if (allowed.stream().anyMatch(id -> !cache.results().containsKey(id))) {
            return true;
        }
        return usable(cache, allowed).isEmpty();
    }

    private Set<String> usable(CloudCheckCache cache, Set<String> allowed) {
        Set<String> out = new TreeSet<>(cache.enabled());
        out.retainAll(allowed);
        return out;
    }

    private List<CloudDescriptor> select(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            return registry.all();
        }
        Set<CloudDescriptor> picked = new LinkedHashSet<>();
        for (String n : names) {
            picked.add(registry.find(n).orElseThrow(() -> SkyException.invalidInput("Unknown cloud '" + n + "'."
                    + NearestKey.hint(n, registry.ids()) + " Valid clouds: " + String.join(", ", registry.ids())
                    + ".")));
        }
        List<CloudDescriptor> ordered = new ArrayList<>(picked);
        ordered.sort((a, b) -> a.id().compareTo(b.id()));
        return ordered;
    }

    private List<CredentialStatus> runChecks(List<CloudDescriptor> clouds, SkyConfig cfg, Set<String> allowed) {
        List<CredentialStatus> out = new ArrayList<>();
        List<Future<CredentialStatus>> pending = new ArrayList<>();
        List<CloudDescriptor> toCheck = clouds.stream().filter(c -> allowed.contains(c.id())).toList();
        ExecutorService pool = toCheck.isEmpty() ? null
                : Executors.newFixedThreadPool(Math.min(MAX_THREADS, toCheck.size()), r -> {
                    Thread t = new Thread(r, "sky-check");
                    t.setDaemon(true);
                    return t;
                });
        try {
            for (CloudDescriptor c : toCheck) {
                pending.add(pool.submit(() -> c.check(context)));
            }
            int next = 0;
            for (CloudDescriptor c : clouds) {
                if (!allowed.contains(c.id())) {
                    out.add(notAllowed(c, cfg));
                } else {
                    out.add(outcome(c, pending.get(next++)));
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        return out;
    }

    private static CredentialStatus notAllowed(CloudDescriptor c, SkyConfig cfg) {
        String file = cfg.source() == null ? "config.yaml" : cfg.source().toString();
        return CredentialStatus.disabled(c.id(), "not in allowed_clouds",
                "To use " + c.displayName() + ", add '" + c.id() + "' to allowed_clouds in " + file + ".");
    }

    private static CredentialStatus outcome(CloudDescriptor c, Future<CredentialStatus> f) {
        try {
            CredentialStatus s = f.get();
            return s != null ? s : CredentialStatus.disabled(c.id(), "the credential check returned nothing", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CredentialStatus.disabled(c.id(), "the credential check was interrupted", null);
        } catch (ExecutionException e) {
            // Discovery reads files only; a failure here is a bug or an unreadable file, not a reason to stop.
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return CredentialStatus.disabled(c.id(), "the credential check failed: "
                    + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                    "Run sky check " + c.id() + " --debug for details.");
        }
    }
}
