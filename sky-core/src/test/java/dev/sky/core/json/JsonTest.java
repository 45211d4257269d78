package dev.sky.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void roundTripsNestedValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "a \"quoted\"\tvalue\n");
        m.put("n", 8.0);
        m.put("x", 0.25);
        m.put("list", List.of(1, "two", true));
        m.put("none", null);
        String text = Json.write(m);
        assertThat(text).startsWith("{\"name\":\"a \\\"quoted\\\"\\tvalue\\n\",\"n\":8,\"x\":0.25");
        Map<String, Object> back = Json.parseObject(text);
        assertThat(back.get("name")).isEqualTo("a \"quoted\"\tvalue\n");
        assertThat(back.get("list")).isEqualTo(List.of(1, "two", true));
        assertThat(back).containsEntry("none", null);
        assertThat(back.get("n")).isEqualTo(8);
        assertThat(back.get("x")).isEqualTo(0.25);
    }

    @Test
    void rejectsWhatIsNotJson() {
        for (String bad : List.of("{", "{\"a\" 1}", "[1,]x", "tru", "{\"a\":1} 2", "\"open")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Json.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Json.parse(" [ ] ")).isEqualTo(List.of());
        assertThat(Json.parse("\"\\u00e9\\n\"")).isEqualTo("é\n");
    }
}
