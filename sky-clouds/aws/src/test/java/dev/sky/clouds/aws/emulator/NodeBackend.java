package dev.sky.clouds.aws.emulator;

/**
 * What backs an emulated instance. The fast mode has none; the node mode runs each instance as a real local-cloud
 * node. Methods block and are called on a worker thread, one at a time per instance.
 */
interface NodeBackend extends AutoCloseable {

    /** Where sky reaches a node. */
    record NodeAddress(String address, int sshPort, String sshUser) {}

    /** Creates the instance's node, or starts it again after a stop; returns once it accepts SSH. */
    NodeAddress up(EmulatedInstance instance);

    void stop(String instanceId);

    /** Moves a stopped instance's node to an address no other node holds, for its next {@link #up}. */
    void readdress(String instanceId);

    /** Ends the node and deletes its folders; succeeds when there is no node. */
    void terminate(String instanceId);

    @Override
    void close();
}
