package dev.sky.clouds.aws.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Everything the emulator holds: instances, security groups, key pairs, volumes, and ClientToken records. One
 * lock (this object) guards it all; node work runs outside the lock, on the worker pool, one operation at a time
 * per instance. Time only moves states forward when something reads them ({@link #tick}).
 */
final class Ec2World {
    /** What one ClientToken produced: the request it came with, and the reservation. */
    record TokenRecord(Map<String, String> request, String reservationId, List<String> instanceIds) {}

    final EmulatorOptions options;
    final Faults faults;
    final Map<String, EmulatedInstance> instances = new LinkedHashMap<>();
    final Map<String, Resources.SecurityGroup> groups = new LinkedHashMap<>();
    final Map<String, Resources.KeyPair> keyPairs = new LinkedHashMap<>();
    final Map<String, Resources.Volume> volumes = new LinkedHashMap<>();
    /** Keyed by region + "|" + token. */
    final Map<String, TokenRecord> tokens = new HashMap<>();
    private final NodeBackend backend;
    private final ExecutorService workers;
    private int addressCounter;
    /** Instances that get a new address when they next start after a stop (EC2 without an Elastic IP). */
    private final Set<String> newAddressOnStart = new HashSet<>();

    Ec2World(EmulatorOptions options, Faults faults, NodeBackend backend, ExecutorService workers) {
        this.options = options;
        this.faults = faults;
        this.backend = backend;
        this.workers = workers;
    }

    static String newId(String prefix) {
        return prefix + "-0" + String.format("%016x", ThreadLocalRandom.current().nextLong());
    }

    long now() {
        return System.currentTimeMillis();
    }

    boolean nodeBacked() {
        return backend != null;
    }

    /** Settles every transitional state whose time has come and whose node work is done; forgets old terminated
     * instances. */
    synchronized void tick() {
        long now = now();
        List<String> forget = new ArrayList<>();
        for (EmulatedInstance i : instances.values()) {
            if (i.state.settled() != i.state && !i.backendBusy && now >= i.settleAtMillis) {
                settle(i, now);
            }
            if (i.state == InstanceState.TERMINATED
                    && now - i.terminatedAtMillis > options.terminatedVisibleFor().toMillis()) {
                forget.add(i.id);
            }
        }
        forget.forEach(instances::remove);
    }

    private void settle(EmulatedInstance i, long now) {
        i.state = i.state.settled();
        if (i.state == InstanceState.TERMINATED) {
            onTerminated(i, now);
        }
        if (i.state == InstanceState.STOPPED && !nodeBacked()) {
            i.publicIp = null;
        }
    }

    private void onTerminated(EmulatedInstance i, long now) {
        i.terminatedAtMillis = now;
        i.publicIp = null;
        for (String v : i.volumeIds) {
            Resources.Volume vol = volumes.get(v);
            if (vol == null) {
                continue;
            }
            if (vol.deleteOnTermination) {
                volumes.remove(v);
            } else {
                vol.instanceId = null;
            }
        }
    }

    /** The instance gets a new address at its next start, as an EC2 instance without an Elastic IP does. */
    synchronized void newAddressOnNextStart(String instanceId) {
        newAddressOnStart.add(instanceId);
    }

    /** Moves an instance to a transitional state and, in node mode, starts the node work that goes with it. */
    synchronized void transition(EmulatedInstance i, InstanceState next, String reasonCode, String reasonMessage) {
        long delay = switch (next) {
            case PENDING -> options.pendingFor().toMillis();
            case STOPPING -> options.stoppingFor().toMillis();
            default -> options.shuttingDownFor().toMillis();
        };
        i.moveTo(next, now() + delay, reasonCode, reasonMessage);
        boolean readdress = next == InstanceState.PENDING && newAddressOnStart.remove(i.id);
        if (backend == null) {
            if (next == InstanceState.PENDING && (i.privateIp == null || readdress)) {
                assignFakeAddress(i);
            }
            return;
        }
        switch (next) {
            case PENDING -> schedule(i, inst -> {
                if (readdress) {
                    backend.readdress(inst.id);
                }
                NodeBackend.NodeAddress a = backend.up(inst);
                synchronized (this) {
                    inst.privateIp = a.address();
                    inst.publicIp = a.address();
                    inst.tags.put("sky-ssh-port", Integer.toString(a.sshPort()));
                    inst.tags.put("sky-ssh-user", a.sshUser());
                }
            });
            case STOPPING -> schedule(i, inst -> backend.stop(inst.id));
            default -> schedule(i, inst -> backend.terminate(inst.id));
        }
    }

    /** Fast mode: loopback addresses where nothing listens, so a stray SSH attempt is refused at once. */
    private void assignFakeAddress(EmulatedInstance i) {
        int n = ++addressCounter;
        i.privateIp = "127.78." + ((n >> 8) & 0xff) + "." + (n & 0xff);
        i.publicIp = i.privateIp;
    }

    private void schedule(EmulatedInstance i, Consumer<EmulatedInstance> op) {
        i.backendBusy = true;
        i.work = i.work.thenRunAsync(() -> {
            try {
                op.accept(i);
                synchronized (this) {
                    i.backendBusy = false;
                }
            } catch (RuntimeException e) {
                failed(i, e);
            }
        }, workers);
    }

    /** A node that could not be brought up is gone, as EC2 ends an instance that fails to launch. */
    private void failed(EmulatedInstance i, RuntimeException e) {
        try {
            backend.terminate(i.id);
        } catch (RuntimeException ignored) {
            // the instance is reported terminated either way; close() retries the node cleanup
        }
        synchronized (this) {
            i.backendBusy = false;
            i.moveTo(InstanceState.TERMINATED, now(), "Server.InternalError",
                    "Server.InternalError: the emulated node failed: " + e.getMessage());
            onTerminated(i, now());
        }
    }

    synchronized List<EmulatedInstance> liveInstances() {
        tick();
        return instances.values().stream().filter(EmulatedInstance::live).toList();
    }

    /** Waits for all node work queued so far. */
    void drain() {
        List<EmulatedInstance> all;
        synchronized (this) {
            all = new ArrayList<>(instances.values());
        }
        for (EmulatedInstance i : all) {
            i.work.join();
        }
    }

    /** Ends every node that may exist, live or not; used by close(). */
    void terminateAllNodes() {
        if (backend == null) {
            return;
        }
        List<String> ids;
        synchronized (this) {
            ids = new ArrayList<>(instances.keySet());
        }
        for (String id : ids) {
            try {
                backend.terminate(id);
            } catch (RuntimeException ignored) {
                // best effort at close: keep ending the others
            }
        }
    }
}
