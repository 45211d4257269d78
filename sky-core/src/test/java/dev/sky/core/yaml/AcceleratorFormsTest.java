package dev.sky.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.task.AcceleratorDemand;
import dev.sky.core.task.ResourceChoice;
import dev.sky.core.task.Resources;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every accepted form of {@code accelerators:} and what candidates it expands to. */
class AcceleratorFormsTest {

    private static ResourceChoice choice(String accelerators) {
        return Yamls.task("resources:\n  accelerators: " + accelerators + "\n").resources();
    }

    private static List<String> names(ResourceChoice c) {
        return c.candidates().stream().map(r -> r.accelerator().toString()).toList();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "A100         | A100:1",
            "A100:4       | A100:4",
            "V100:0.5     | V100:0.5",
            "tpu-v5e-8    | tpu-v5e-8:1",
            "A100-80GB:8  | A100-80GB:8",
            "80GB+        | 80GB+:1",
            "24GB:2       | 24GB:2",
            "nvidia:80GB  | nvidia:80GB:1",
            "amd:192GB:8  | amd:192GB:8",
            "nvidia:80GB+:4 | nvidia:80GB+:4",
            "1TB          | 1024GB:1"})
    void singleStringForms(String given, String expected) {
        ResourceChoice c = choice(given);
        assertThat(names(c)).containsExactly(expected);
        assertThat(c.ordered()).isFalse();
    }

    @Test
    void memoryFormsAreMemoryRequests() {
        AcceleratorDemand d = choice("amd:192GB:8").first().accelerator();
        assertThat(d.byMemory()).isTrue();
        assertThat(d.manufacturer()).isEqualTo("amd");
        assertThat(d.memoryGb()).isEqualTo(192.0);
        assertThat(d.memoryAtLeast()).isFalse();
        assertThat(d.count()).isEqualTo(8.0);
        AcceleratorDemand atLeast = choice("80GB+").first().accelerator();
        assertThat(atLeast.memoryAtLeast()).isTrue();
        assertThat(atLeast.manufacturer()).isNull();
    }

    @Test
    void dictIsAnUnorderedSetWithNullMeaningOne() {
        ResourceChoice c = choice("{A100: 1, V100: 2, H100: null}");
        assertThat(names(c)).containsExactly("A100:1", "V100:2", "H100:1");
        assertThat(c.ordered()).isFalse();
    }

    @Test
    void blockDictWithFractionalCount() {
        ResourceChoice c = Yamls.task("resources:\n  accelerators:\n    T4: 0.5\n    L4: 1\n").resources();
        assertThat(names(c)).containsExactly("T4:0.5", "L4:1");
    }

    @Test
    void flowSetOfStringsIsAnUnorderedSet() {
        // {'A100:1', 'T4:1'} is a YAML mapping whose keys carry the counts and whose values are null.
        ResourceChoice c = choice("{'A100:1', 'T4:1', 'V100:1'}");
        assertThat(names(c)).containsExactly("A100:1", "T4:1", "V100:1");
        assertThat(c.ordered()).isFalse();
        assertThat(names(choice("{L4, A10g, A100}"))).containsExactly("L4:1", "A10g:1", "A100:1");
    }

    @Test
    void setLiteralStringIsAnUnorderedSet() {
        ResourceChoice c = choice("\"{A100:1, V100:1}\"");
        assertThat(names(c)).containsExactly("A100:1", "V100:1");
        assertThat(c.ordered()).isFalse();
    }

    @Test
    void listIsAnOrderOfPreference() {
        ResourceChoice c = choice("[A100:8, V100:8]");
        assertThat(names(c)).containsExactly("A100:8", "V100:8");
        assertThat(c.ordered()).isTrue();
    }

    @Test
    void listOfDictsAndMixedListsArePreferenceOrders() {
        ResourceChoice dicts = Yamls.task("resources:\n  accelerators:\n    - T4: 1\n    - A100: 2\n").resources();
        assertThat(names(dicts)).containsExactly("T4:1", "A100:2");
        assertThat(dicts.ordered()).isTrue();
        ResourceChoice mixed = Yamls.task(
                "resources:\n  accelerators:\n    - T4: 1\n    - 'V100:2'\n    - A100: 1\n").resources();
        assertThat(names(mixed)).containsExactly("T4:1", "V100:2", "A100:1");
    }

    @Test
    void gpusIsAnAliasOfAccelerators() {
        assertThat(names(Yamls.task("resources:\n  gpus: H100:8\n").resources())).containsExactly("H100:8");
    }

    @Test
    void otherFieldsAreCopiedIntoEveryAlternative() {
        List<Resources> rs = Yamls.candidates("resources:\n  cpus: 8+\n  use_spot: true\n  accelerators: {A100: 1, V100: 1}\n");
        assertThat(rs).hasSize(2).allSatisfy(r -> {
            assertThat(r.cpus().toString()).isEqualTo("8+");
            assertThat(r.useSpot()).isTrue();
        });
    }

    @Test
    void noAcceleratorsGivesOneCandidateWithoutOne() {
        assertThat(Yamls.candidates("resources:\n  cpus: 2\n")).singleElement()
                .satisfies(r -> assertThat(r.accelerator()).isNull());
    }
}
