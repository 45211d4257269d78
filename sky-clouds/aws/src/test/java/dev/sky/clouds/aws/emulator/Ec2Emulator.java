package dev.sky.clouds.aws.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A local EC2 and STS for tests: the Query API on 127.0.0.1, reached by the real SDK through an endpoint override
 * (or by a CLI subprocess through {@link #env()}). Strict about actions, parameters and credentials; honours
 * ClientToken; fault switches in {@link #faults()}; every call in {@link #ledger()}; the live instances in
 * {@link #liveInstances()} are the ground truth for "nothing leaked". In node mode each instance is a real
 * local-cloud node that accepts SSH. Use in try-with-resources: {@link #close()} ends every node.
 */
public final class Ec2Emulator implements AutoCloseable {
    /** What a test sees of an instance. */
    public record InstanceView(String id, String state, String region, String zone, String instanceType,
                               boolean spot, String clientToken, Map<String, String> tags, String publicIp,
                               String stateReasonCode, List<String> volumeIds) {}

    static {
        // The JDK server writes headers and body apart; with Nagle on, the client's delayed ACK adds about 40 ms
        // to every call. Read once, when the JVM's first HttpServer starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final EmulatorOptions options;
    private final Faults faults = new Faults();
    private final Ledger ledger = new Ledger();
    private final StsFederation sts = new StsFederation();
    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final ExecutorService nodeWorkers;
    private final NodeBackend backend;
    private final Ec2World world;
    private final RunInstances run;
    private final InstanceActions instances;
    private final Network network;
    private final KeyPairs keyPairs;
    private final TagsAndVolumes tagsAndVolumes;
    /** Ends the nodes of a JVM stopped before close(). */
    private final Thread nodeCleanup;

    private Ec2Emulator(EmulatorOptions options) throws IOException {
        this.options = options;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        // One thread per concurrent call, so that injected latency does not queue parallel callers.
        this.httpThreads = Executors.newCachedThreadPool(daemon("ec2-emulator-http"));
        this.nodeWorkers = Executors.newCachedThreadPool(daemon("ec2-emulator-node"));
        this.backend = options.nodeMode() ? LocalNodeBackend.create(options, controlUrl()) : null;
        this.world = new Ec2World(options, faults, backend, nodeWorkers);
        this.run = new RunInstances(world);
        this.instances = new InstanceActions(world);
        this.network = new Network(world);
        this.keyPairs = new KeyPairs(world);
        this.tagsAndVolumes = new TagsAndVolumes(world);
        server.createContext("/", new Ec2Handler(this));
        server.createContext(ControlApi.PATH, new ControlApi(this));
        server.setExecutor(httpThreads);
        server.start();
        this.nodeCleanup = new Thread(world::terminateAllNodes, "ec2-emulator-node-cleanup");
        if (backend != null) {
            Runtime.getRuntime().addShutdownHook(nodeCleanup);
        }
    }

    public static Ec2Emulator start(EmulatorOptions options) {
        try {
            return new Ec2Emulator(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the EC2 emulator", e);
        }
    }

    public static Ec2Emulator startFast() {
        return start(EmulatorOptions.fast());
    }

    /** The endpoint for {@code endpointOverride} of Ec2Client and StsClient. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The control path, for a test that flips faults over HTTP or for the node's shutdown command. */
    public URI controlEndpoint() {
        return URI.create(endpoint() + ControlApi.PATH);
    }

    private String controlUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + ControlApi.PATH;
    }

    /** The environment for a CLI subprocess: endpoints, the emulator's credentials, region, no metadata probes. */
    public Map<String, String> env() {
        String url = endpoint().toString();
        return Map.of("AWS_ENDPOINT_URL_EC2", url, "AWS_ENDPOINT_URL_STS", url,
                "AWS_ACCESS_KEY_ID", options.accessKeyId(), "AWS_SECRET_ACCESS_KEY", options.secretAccessKey(),
                "AWS_REGION", options.defaultRegion(), "AWS_DEFAULT_REGION", options.defaultRegion(),
                "AWS_EC2_METADATA_DISABLED", "true");
    }

    public EmulatorOptions options() {
        return options;
    }

    public Faults faults() {
        return faults;
    }

    public Ledger ledger() {
        return ledger;
    }

    /** STS GetFederationToken: which keys it hands out. */
    public StsFederation sts() {
        return sts;
    }

    /** Every instance not terminated (shutting-down ones included): what would still be billed. */
    public List<InstanceView> liveInstances() {
        synchronized (world) {
            return world.liveInstances().stream().map(Ec2Emulator::view).toList();
        }
    }

    /** Every instance the emulator still shows, terminated ones included. */
    public List<InstanceView> allInstances() {
        synchronized (world) {
            world.tick();
            return world.instances.values().stream().map(Ec2Emulator::view).toList();
        }
    }

    /** The instances created by RunInstances calls with this ClientToken, in any region. */
    public List<String> createdInstances(String clientToken) {
        synchronized (world) {
            return world.tokens.entrySet().stream().filter(e -> e.getKey().endsWith("|" + clientToken))
                    .flatMap(e -> e.getValue().instanceIds().stream()).toList();
        }
    }

    public InstanceView instance(String id) {
        synchronized (world) {
            world.tick();
            EmulatedInstance i = world.instances.get(id);
            if (i == null) {
                throw new IllegalArgumentException("no instance " + id);
            }
            return view(i);
        }
    }

    /** Terminates a spot instance now, with state reason Server.SpotInstanceTermination. */
    public void preempt(String instanceId) {
        instances.preempt(instanceId);
    }

    /** A shutdown from inside the instance: stop or terminate, per InstanceInitiatedShutdownBehavior. */
    public void shutdownFromInside(String instanceId) {
        instances.shutdownFromInside(instanceId);
    }

    /**
     * The instance comes back at a new address the next time it starts after a stop, as an EC2 instance without
     * an Elastic IP does (in node mode its node moves to another loopback address and port).
     */
    public void newAddressOnNextStart(String instanceId) {
        synchronized (world) {
            if (!world.instances.containsKey(instanceId)) {
                throw new IllegalArgumentException("no instance " + instanceId);
            }
            world.newAddressOnNextStart(instanceId);
        }
    }

    /** Waits for the node work queued so far (node mode); then every state settles at its time. */
    public void awaitNodeWork() {
        world.drain();
    }

    /** Where a node-backed instance's node keeps its home (node mode), for tests that look inside. */
    public Path nodeHome(String instanceId) {
        if (!(backend instanceof LocalNodeBackend local)) {
            throw new IllegalStateException("the emulator runs in fast mode: instances have no nodes");
        }
        return local.nodeHome(instanceId);
    }

    /** The pid of the process that serves a node-backed instance's node, if it runs now (node mode). */
    public OptionalLong nodeHostPid(String instanceId) {
        if (!(backend instanceof LocalNodeBackend local)) {
            throw new IllegalStateException("the emulator runs in fast mode: instances have no nodes");
        }
        return local.hostPid(instanceId);
    }

    private static InstanceView view(EmulatedInstance i) {
        return new InstanceView(i.id, i.state.wireName, i.region, i.zone, i.instanceType, i.spot, i.clientToken,
                Map.copyOf(i.tags), i.publicIp, i.stateReasonCode, List.copyOf(i.volumeIds));
    }

    String dispatch(String action, QueryParams p, String region, String requestId) {
        if (p.get("Action") == null) {
            throw Ec2Error.client("MissingAction", "The request must contain the parameter Action");
        }
        p.required("Version");
        return switch (action) {
            case "RunInstances" -> run.run(p, region, requestId);
            case "DescribeInstances" -> instances.describe(p, region, requestId);
            case "TerminateInstances" -> instances.terminate(p, region, requestId);
            case "StopInstances" -> instances.stop(p, region, requestId);
            case "StartInstances" -> instances.startInstances(p, region, requestId);
            case "ModifyInstanceAttribute" -> instances.modifyAttribute(p, region, requestId);
            case "DescribeInstanceAttribute" -> instances.describeAttribute(p, region, requestId);
            case "CreateTags" -> tagsAndVolumes.createTags(p, region, requestId);
            case "DeleteTags" -> tagsAndVolumes.deleteTags(p, region, requestId);
            case "DescribeTags" -> tagsAndVolumes.describeTags(p, region, requestId);
            case "DescribeVolumes" -> tagsAndVolumes.describeVolumes(p, region, requestId);
            case "DeleteVolume" -> tagsAndVolumes.deleteVolume(p, region, requestId);
            case "DescribeAvailabilityZones" -> tagsAndVolumes.describeZones(p, region, requestId);
            case "CreateSecurityGroup" -> network.create(p, region, requestId);
            case "DescribeSecurityGroups" -> network.describe(p, region, requestId);
            case "DeleteSecurityGroup" -> network.delete(p, region, requestId);
            case "AuthorizeSecurityGroupIngress" -> network.authorize(p, region, requestId);
            case "RevokeSecurityGroupIngress" -> network.revoke(p, region, requestId);
            case "ImportKeyPair" -> keyPairs.importKey(p, region, requestId);
            case "DescribeKeyPairs" -> keyPairs.describe(p, region, requestId);
            case "DeleteKeyPair" -> keyPairs.delete(p, region, requestId);
            default -> throw Ec2Error.client("InvalidAction", "The action " + action + " is not valid for this"
                    + " web service.");
        };
    }

    /** Stops the server and ends every node, whatever state the instances are in. */
    @Override
    public void close() {
        if (backend != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(nodeCleanup);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
        }
        server.stop(0);
        httpThreads.shutdownNow();
        try {
            world.drain();
        } catch (RuntimeException ignored) {
            // node work that failed still leaves its node to terminateAllNodes
        }
        world.terminateAllNodes();
        nodeWorkers.shutdownNow();
        try {
            nodeWorkers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
