package dev.sky.cli.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void framedTableAlignsColumnsBetweenDashedRules() {
        String s = TextTable.framed("A", "LONGER").row(List.of("wide value", "x")).render(Style.plain());
        List<String> lines = s.lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).matches("-+").isEqualTo(lines.get(2)).isEqualTo(lines.get(4));
        assertThat(lines.get(1)).isEqualTo(" A            LONGER");
        assertThat(lines.get(3)).isEqualTo(" wide value   x");
    }

    @Test
    void bareTableHasNoRules() {
        String s = TextTable.bare("GPU", "QTY").row(List.of("A100", "8")).render(Style.plain());
        assertThat(s).isEqualTo("GPU    QTY\nA100   8\n");
    }

    @Test
    void boldRowsUseEscapesOnlyWhenStyled() {
        TextTable t = TextTable.bare("A").row(List.of("x"), true);
        assertThat(t.render(Style.plain())).doesNotContain("\u001b");
        assertThat(t.render(new Style(true))).contains("\u001b[1mx\u001b[0m");
    }

    @Test
    void rowsMustMatchTheHeader() {
        assertThatThrownBy(() -> TextTable.bare("A", "B").row(List.of("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noColorAndPipesTurnStylingOff() {
        assertThat(Style.detect(java.util.Map.of(), true).ansi()).isTrue();
        assertThat(Style.detect(java.util.Map.of("NO_COLOR", "1"), true).ansi()).isFalse();
        assertThat(Style.detect(java.util.Map.of(), false).ansi()).isFalse();
        assertThat(Style.detect(java.util.Map.of("TERM", "dumb"), true).ansi()).isFalse();
    }
}
