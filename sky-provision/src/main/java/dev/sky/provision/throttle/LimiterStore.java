package dev.sky.provision.throttle;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where a {@link RateLimiter} keeps its {@link LimiterState}: in memory for one JVM, or in a file under SKY_HOME for
 * every sky process of the machine ({@link SharedLimiterFile}). Each update is atomic with respect to every other
 * update of the same store, and short: nothing waits inside it.
 */
interface LimiterStore {
    /**
     * Reads the state ({@code fresh} when there is none yet or it cannot be read), applies {@code change} to it in
     * place, keeps it, and returns what {@code change} returned.
     */
    <T> T update(Supplier<LimiterState> fresh, Function<LimiterState, T> change);

    /** A store for one JVM. */
    final class InMemory implements LimiterStore {
        private LimiterState state;

        @Override
        public synchronized <T> T update(Supplier<LimiterState> fresh, Function<LimiterState, T> change) {
            if (state == null) {
                state = fresh.get();
            }
            return change.apply(state);
        }
    }
}
