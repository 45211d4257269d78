package dev.sky.core.state.reliability;

import java.util.Arrays;

/** Percentiles of measured durations, for the report line; reliability tests report latencies, never assert them. */
final class Latencies {
    private long[] micros = new long[0];
    private int size;

    void add(long micro) {
        if (size == micros.length) {
            micros = Arrays.copyOf(micros, Math.max(64, size * 2));
        }
        micros[size++] = micro;
    }

    int size() {
        return size;
    }

    /** The q-quantile (0..1) by nearest rank, in milliseconds. */
    double percentileMs(double q) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(micros, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1000.0;
    }

    /** How many took longer than {@code ms}. */
    long countOverMs(long ms) {
        long n = 0;
        for (int i = 0; i < size; i++) {
            n += micros[i] > ms * 1000 ? 1 : 0;
        }
        return n;
    }

    double maxMs() {
        return percentileMs(1.0);
    }

    /** {@code p50=1.2ms p99=30.0ms max=120.5ms}. */
    String summary() {
        return String.format("p50=%.1fms p99=%.1fms max=%.1fms", percentileMs(0.50), percentileMs(0.99), maxMs());
    }
}
