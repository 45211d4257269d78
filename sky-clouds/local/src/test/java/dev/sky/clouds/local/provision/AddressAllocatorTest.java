package dev.sky.clouds.local.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressAllocatorTest {
    @TempDir
    Path root;

    @Test
    void concurrentClustersGetDistinctBindableEndpoints() throws Exception {
        LocalLayout layout = new LocalLayout(root);
        AddressAllocator allocator = new AddressAllocator(layout);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<LocalNodeSpec>>> results = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            String cluster = "c" + c;
            results.add(pool.submit(() -> allocator.allocate(3, nodes -> {
                try {
                    Files.createDirectories(layout.clusterDir(cluster));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                new LocalClusterSpec(cluster, "u", nodes).write(layout.specFile(cluster));
            })));
        }
        Set<String> endpoints = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (Future<List<LocalNodeSpec>> f : results) {
            List<LocalNodeSpec> nodes = f.get();
            assertThat(nodes).extracting(LocalNodeSpec::rank).containsExactly(0, 1, 2);
            for (LocalNodeSpec n : nodes) {
                assertThat(n.port()).isBetween(1024, 65535);
                assertThat(n.address()).startsWith("127.");
                endpoints.add(n.address() + ":" + n.port());
                addresses.add(n.address());
            }
            if (AddressAllocator.loopbackAliasesWork()) {
                assertThat(nodes).extracting(LocalNodeSpec::port).containsOnly(nodes.get(0).port());
            }
        }
        pool.shutdown();
        assertThat(endpoints).as("no two nodes share an endpoint").hasSize(18);
        if (AddressAllocator.loopbackAliasesWork()) {
            assertThat(addresses).as("every node has its own loopback address").hasSize(18);
        }
    }

    @Test
    void aliasesSkipNetworkAndBroadcastLikeOctets() {
        assertThat(AddressAllocator.aliasAt(1)).isEqualTo("127.77.0.1");
        assertThat(AddressAllocator.aliasAt(257)).isEqualTo("127.77.1.1");
    }
}
