package dev.sky.cli.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapesEveryCharacterJsonRequires() {
        assertThat(Json.write("a\"b\\c\nd\re\tf\bg\fh")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\"");
        assertThat(Json.write("\u0001\u001f")).isEqualTo("\"\\u0001\\u001f\"");
        assertThat(Json.write("\u2028")).isEqualTo("\"\\u2028\"");
        assertThat(Json.write("é ✔ /")).isEqualTo("\"é ✔ /\"");
    }

    @Test
    void writesNestedValuesInInsertionOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", List.of(true, false));
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("A100", 8.0);
        m.put("acc", inner);
        m.put("none", null);
        assertThat(Json.write(m)).isEqualTo("{\"z\":1,\"a\":[true,false],\"acc\":{\"A100\":8},\"none\":null}");
    }

    @Test
    void numbersAreIntegralWhenTheyCanBeAndNullWhenNotFinite() {
        assertThat(Json.write(List.of(8.0, 0.5, 3.06, Double.NaN, Double.POSITIVE_INFINITY, 7L)))
                .isEqualTo("[8,0.5,3.06,null,null,7]");
    }

    @Test
    void emptyContainers() {
        assertThat(Json.write(new LinkedHashMap<>())).isEqualTo("{}");
        assertThat(Json.write(new ArrayList<>())).isEqualTo("[]");
    }

    @Test
    void rejectsValuesThatAreNotJson() {
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
    }
}
