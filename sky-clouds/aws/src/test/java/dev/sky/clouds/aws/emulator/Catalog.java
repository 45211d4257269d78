package dev.sky.clouds.aws.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** What the emulator knows of AWS from the bundled catalog: vCPUs per instance type and zones per region. */
final class Catalog {
    private static final Catalog INSTANCE = load();

    private final Map<String, Integer> vcpus;
    private final Map<String, TreeSet<String>> zones;

    private Catalog(Map<String, Integer> vcpus, Map<String, TreeSet<String>> zones) {
        this.vcpus = vcpus;
        this.zones = zones;
    }

    static Catalog get() {
        return INSTANCE;
    }

    /** vCPUs of the type; 2 for a type the catalog does not list. */
    int vcpus(String instanceType) {
        return vcpus.getOrDefault(instanceType, 2);
    }

    /** The region's zones: those of the catalog, and always {@code <region>a}, {@code b} and {@code c}. */
    List<String> zones(String region) {
        TreeSet<String> out = new TreeSet<>(zones.getOrDefault(region, new TreeSet<>()));
        for (char c = 'a'; c <= 'c'; c++) {
            out.add(region + c);
        }
        return Collections.unmodifiableList(new ArrayList<>(out));
    }

    private static Catalog load() {
        Map<String, Integer> vcpus = new HashMap<>();
        Map<String, TreeSet<String>> zones = new HashMap<>();
        try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream("catalogs/aws/vms.csv")) {
            if (in == null) {
                return new Catalog(vcpus, zones);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header == null) {
                    header = line;
                    continue;
                }
                String[] head = line.split(",", 5); // the columns before the quoted GpuInfo
                try {
                    vcpus.putIfAbsent(head[0], (int) Double.parseDouble(head[3]));
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    continue;
                }
                String[] tail = line.substring(line.lastIndexOf('"') + 1).split(",", -1);
                if (tail.length >= 3) {
                    String zone = tail[tail.length - 2];
                    String region = tail[tail.length - 3];
                    if (!zone.isBlank() && zone.startsWith(region)) {
                        zones.computeIfAbsent(region, k -> new TreeSet<>()).add(zone);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled AWS catalog", e);
        }
        return new Catalog(vcpus, zones);
    }
}
