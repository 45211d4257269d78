package dev.sky.optimizer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GpuInfoTest {

    @Test
    void readsAwsStyleDicts() {
        GpuInfo info = GpuInfo.parse("{'Gpus': [{'Name': 'A100', 'Manufacturer': 'NVIDIA', 'Count': 8, "
                + "'MemoryInfo': {'SizeInMiB': 40960}}], 'TotalGpuMemoryInMiB': 327680}");
        assertThat(info).isEqualTo(new GpuInfo("A100", "NVIDIA", 40.0));
    }

    @Test
    void readsGcpStyleDictsWithMemoryOnly() {
        GpuInfo info = GpuInfo.parse("{'Gpus': [{'MemoryInfo': {'SizeInMiB': 24576}}]}");
        assertThat(info.memoryGb()).isEqualTo(24.0);
        assertThat(info.name()).isNull();
        assertThat(info.manufacturer()).isNull();
    }

    @Test
    void takesABareWordAsAName() {
        assertThat(GpuInfo.parse("Radeon MI25")).isEqualTo(new GpuInfo("Radeon MI25", null, Double.NaN));
        assertThat(GpuInfo.parse("tpu-v6e-8").name()).isEqualTo("tpu-v6e-8");
        assertThat(GpuInfo.parse("  ")).isEqualTo(GpuInfo.NONE);
    }

    @Test
    void aDictWithoutGpusSaysNothing() {
        assertThat(GpuInfo.parse("{'TotalGpuMemoryInMiB': 0}")).isEqualTo(GpuInfo.NONE);
        assertThat(GpuInfo.parse("{'Gpus': []}")).isEqualTo(GpuInfo.NONE);
    }

    @Test
    void malformedDictsAreErrors() {
        for (String text : new String[] {"{'Gpus': [", "{'Gpus' [1]}", "{'a': 'b}", "{'a': nope}", "{'a': 1} x"}) {
            assertThatThrownBy(() -> GpuInfo.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void pythonLiteralsOfEveryKind() {
        Object value = PythonLiteral.parse("{\"k\": (1, 2.5, True, False, None), 'esc': 'it\\'s', 'l': [ ]}");
        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) value;
        assertThat(map.get("k")).isEqualTo(java.util.Arrays.asList(1L, 2.5, true, false, null));
        assertThat(map.get("esc")).isEqualTo("it's");
        assertThat(map.get("l")).isEqualTo(List.of());
    }
}
