package dev.sky.clouds.local.provision;

/**
 * Where one local node listens, fixed at create so that stop/start keeps it.
 *
 * @param rank node rank (0 is the head)
 * @param address loopback address, e.g. {@code 127.77.0.3}
 * @param port SSH port (at least 1024)
 */
public record LocalNodeSpec(int rank, String address, int port) {}
