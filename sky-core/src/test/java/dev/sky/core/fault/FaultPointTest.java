package dev.sky.core.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultPointTest {
    @Test
    void idsAreUniqueAndDotted() {
        Set<String> ids = new HashSet<>();
        for (FaultPoint p : FaultPoint.all()) {
            assertThat(ids.add(p.id())).as(p.id()).isTrue();
            assertThat(p.id()).matches("[a-z]+\\.[a-zA-Z]+");
        }
    }

    @Test
    void unsetFaultIsANoOp() {
        // SKY_FAULT is not set for unit tests; hitting every point must return.
        FaultPoint.all().forEach(FaultPoint::hit);
    }
}
