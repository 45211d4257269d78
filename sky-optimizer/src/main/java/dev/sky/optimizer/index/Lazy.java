package dev.sky.optimizer.index;

import java.util.function.Supplier;

/** A value computed on first use, once, so that a command pays only for the parts of the index it reads. */
final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> compute;
    private volatile T value;

    Lazy(Supplier<T> compute) {
        this.compute = compute;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = compute.get();
                    value = v;
                }
            }
        }
        return v;
    }
}
