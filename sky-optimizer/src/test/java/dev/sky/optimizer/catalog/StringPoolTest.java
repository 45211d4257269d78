package dev.sky.optimizer.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StringPoolTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void equalBytesGiveTheSameInstance() {
        StringPool pool = new StringPool();
        byte[] data = bytes("us-east-1,us-east-1,us-east-2");
        String first = pool.intern(data, 0, 9, true);
        assertThat(first).isEqualTo("us-east-1");
        assertThat(pool.intern(data, 10, 19, true)).isSameAs(first);
        assertThat(pool.intern(data, 20, 29, true)).isEqualTo("us-east-2").isNotSameAs(first);
    }

    @Test
    void keepsManyDistinctValuesApart() {
        StringPool pool = new StringPool();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            String text = "{'Gpus': [{'Name': 'X', 'Count': " + i + ", 'MemoryInfo': {'SizeInMiB': 16384}}]}";
            byte[] data = bytes(text);
            String pooled = pool.intern(data, 0, data.length, true);
            assertThat(pooled).isEqualTo(text);
            seen.add(pooled);
            assertThat(pool.intern(bytes(text), 0, data.length, true)).isSameAs(pooled);
        }
        assertThat(seen).hasSize(5_000);
    }

    @Test
    void decodesUtf8() {
        StringPool pool = new StringPool();
        byte[] data = bytes("zürich-1");
        assertThat(pool.intern(data, 0, data.length, true)).isEqualTo("zürich-1");
        assertThat(pool.intern(bytes("zürich-1"), 0, data.length, true)).isSameAs(pool.intern(data, 0, data.length, true));
    }

    @Test
    void anUnstableSourceIsCopied() {
        StringPool pool = new StringPool();
        byte[] scratch = bytes("abc");
        String pooled = pool.intern(scratch, 0, 3, false);
        scratch[0] = 'x';
        assertThat(pool.intern(bytes("abc"), 0, 3, true)).isSameAs(pooled);
        assertThat(pool.intern(scratch, 0, 3, true)).isEqualTo("xbc");
    }
}
