package dev.sky.clouds.kubernetes.credentials;

import dev.sky.core.config.SkyConfig;
import dev.sky.core.config.SkyConfigLoader;
import dev.sky.optimizer.cloud.CheckContext;
import dev.sky.optimizer.cloud.CredentialStatus;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds usable Kubernetes contexts from the kubeconfig ({@code KUBECONFIG}, colon-separated, or
 * {@code ~/.kube/config}), without contacting the clusters. The contexts checked are
 * {@code kubernetes.allowed_contexts} from config.yaml, else the current context, as in SkyPilot.
 * {@link CredentialStatus#details()} lists them: {@code name}, or {@code name: disabled. Reason: ...}.
 */
public final class KubeconfigCheck {
    static final List<String> CAPABILITIES = List.of("compute");
    static final String SETUP_HINT = "Set up a Kubernetes cluster and make its kubeconfig available at"
            + " ~/.kube/config (or point KUBECONFIG at it).";

    private final CheckContext ctx;

    public KubeconfigCheck(CheckContext ctx) {
        this.ctx = ctx;
    }

    /** The kubeconfig and the contexts to check, or why there are none. */
    private record Targets(Kubeconfig kubeconfig, List<String> names, CredentialStatus refusal) {
        static Targets refused(CredentialStatus why) {
            return new Targets(null, List.of(), why);
        }
    }

    public CredentialStatus run() {
        Targets t = targets();
        if (t.refusal() != null) {
            return t.refusal();
        }
        Kubeconfig kubeconfig = t.kubeconfig();
        List<String> targets = t.names();
        List<String> details = new ArrayList<>();
        String firstUsable = null;
        String firstProblem = null;
        for (String name : targets) {
            String problem = kubeconfig.problem(name);
            if (problem == null) {
                details.add(name);
                firstUsable = firstUsable == null ? name : firstUsable;
            } else {
                details.add(name + ": disabled. Reason: " + problem);
                firstProblem = firstProblem == null ? name + ": " + problem : firstProblem;
            }
        }
        if (firstUsable == null) {
            return new CredentialStatus("kubernetes", false, List.of(), "no usable Kubernetes context ("
                    + (firstProblem == null ? "none listed" : firstProblem) + ")", SETUP_HINT, null, details);
        }
        Kubeconfig.Context c = kubeconfig.contexts.get(firstUsable);
        String identity = "context '" + c.name() + "' (cluster " + c.cluster()
                + (c.namespace() != null ? ", namespace " + c.namespace() : "") + ")";
        return new CredentialStatus("kubernetes", true, CAPABILITIES, null, null, identity, details);
    }

    /** The checked contexts that are usable, in order; empty when there is no usable kubeconfig. */
    public List<String> usableContexts() {
        Targets t = targets();
        if (t.refusal() != null) {
            return List.of();
        }
        return t.names().stream().filter(n -> t.kubeconfig().problem(n) == null).toList();
    }

    private Targets targets() {
        List<Path> files = kubeconfigFiles();
        List<Path> present = files.stream().filter(Files::isRegularFile).toList();
        if (present.isEmpty()) {
            return Targets.refused(CredentialStatus.disabled("kubernetes", "no kubeconfig found at " + join(files),
                    SETUP_HINT));
        }
        Kubeconfig kubeconfig = new Kubeconfig();
        for (Path f : present) {
            String problem = kubeconfig.add(f);
            if (problem != null) {
                return Targets.refused(CredentialStatus.disabled("kubernetes", problem,
                        "Fix or regenerate the kubeconfig."));
            }
        }
        SkyConfig config = SkyConfigLoader.load(ctx.paths());
        Optional<List<String>> allowed = config.stringList("kubernetes.allowed_contexts");
        if (allowed.isPresent()) {
            return new Targets(kubeconfig, allowed.get(), null);
        }
        if (kubeconfig.currentContext != null) {
            return new Targets(kubeconfig, List.of(kubeconfig.currentContext), null);
        }
        return Targets.refused(CredentialStatus.disabled("kubernetes", "the kubeconfig sets no current context",
                "Run: kubectl config use-context <name>, or list contexts under kubernetes.allowed_contexts in "
                        + ctx.paths().config() + "."));
    }

    private List<Path> kubeconfigFiles() {
        Map<String, String> env = ctx.env();
        Path home = ctx.paths().userHome();
        String var = env.get("KUBECONFIG");
        if (var == null || var.isBlank()) {
            return List.of(home.resolve(".kube/config"));
        }
        List<Path> out = new ArrayList<>();
        for (String part : var.split(File.pathSeparator)) {
            if (part.isBlank()) {
                continue;
            }
            out.add(part.equals("~") || part.startsWith("~/") ? home.resolve(part.length() <= 2 ? "" : part.substring(2))
                    : Path.of(part));
        }
        return out;
    }

    private static String join(List<Path> files) {
        return String.join(", ", files.stream().map(Path::toString).toList());
    }
}
