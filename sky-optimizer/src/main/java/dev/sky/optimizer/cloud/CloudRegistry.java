package dev.sky.optimizer.cloud;

import dev.sky.core.SkyException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The clouds on the class path, found with {@link ServiceLoader} the first time they are asked for.
 * Ids are matched case-insensitively; {@code k8s} is an alias of {@code kubernetes}, as in SkyPilot's {@code --infra}.
 */
public final class CloudRegistry {
    private static final Map<String, String> ALIASES = Map.of("k8s", "kubernetes");

    private final ClassLoader loader;
    private volatile Map<String, CloudDescriptor> byId;

    private CloudRegistry(ClassLoader loader, Map<String, CloudDescriptor> byId) {
        this.loader = loader;
        this.byId = byId;
    }

    /** Discovers clouds through the thread's context class loader, lazily. */
    public static CloudRegistry discover() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return new CloudRegistry(cl == null ? CloudRegistry.class.getClassLoader() : cl, null);
    }

    /** A registry of exactly these descriptors (tests, embedding). */
    public static CloudRegistry of(List<? extends CloudDescriptor> clouds) {
        return new CloudRegistry(null, index(clouds));
    }

    /** Every cloud, ordered by id. */
    public List<CloudDescriptor> all() {
        return List.copyOf(clouds().values());
    }

    public List<String> ids() {
        return List.copyOf(clouds().keySet());
    }

    /** The cloud with this id or alias, if present. */
    public Optional<CloudDescriptor> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String key = id.strip().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(clouds().get(ALIASES.getOrDefault(key, key)));
    }

    /** The cloud with this id or alias; an unknown id is invalid input naming the valid ones. */
    public CloudDescriptor fromId(String id) {
        return find(id).orElseThrow(() -> SkyException.invalidInput(
                "Unknown cloud '" + id + "'. Valid clouds: " + String.join(", ", ids()) + "."));
    }

    /** The canonical id for an id or alias ({@code K8S} gives {@code kubernetes}), if the cloud exists. */
    public Optional<String> canonicalId(String id) {
        return find(id).map(CloudDescriptor::id);
    }

    private Map<String, CloudDescriptor> clouds() {
        Map<String, CloudDescriptor> m = byId;
        if (m == null) {
            synchronized (this) {
                if (byId == null) {
                    List<CloudDescriptor> found = new ArrayList<>();
                    ServiceLoader.load(CloudDescriptor.class, loader).forEach(found::add);
                    byId = index(found);
                }
                m = byId;
            }
        }
        return m;
    }

    private static Map<String, CloudDescriptor> index(List<? extends CloudDescriptor> clouds) {
        Map<String, CloudDescriptor> m = new LinkedHashMap<>();
        clouds.stream().sorted(Comparator.comparing(CloudDescriptor::id)).forEach(c -> {
            CloudDescriptor previous = m.putIfAbsent(c.id(), c);
            if (previous != null && previous.getClass() != c.getClass()) {
                throw new IllegalStateException("two clouds claim the id '" + c.id() + "': "
                        + previous.getClass().getName() + " and " + c.getClass().getName());
            }
        });
        return java.util.Collections.unmodifiableMap(m);
    }
}
