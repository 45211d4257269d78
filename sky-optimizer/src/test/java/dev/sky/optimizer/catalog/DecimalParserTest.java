package dev.sky.optimizer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalParserTest {

    private static double parse(String text) {
        byte[] bytes = ("x" + text + "y").getBytes(StandardCharsets.UTF_8);
        return DecimalParser.parse(bytes, 1, bytes.length - 1);
    }

    @Test
    void givesTheSameDoubleAsTheJdkForCatalogStyleDecimals() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            int decimals = random.nextInt(9);
            String text = String.format("%." + decimals + "f", random.nextDouble() * Math.pow(10, random.nextInt(6)));
            assertThat(parse(text)).as(text).isEqualTo(Double.parseDouble(text));
        }
        for (String text : new String[] {"3.06000", "0.918000", "8.0", "12", "0", "-0.5", "1e-3", "2.5E2", ".5", "5.",
                "0.000012345678901234567", "123456789012345678"}) {
            assertThat(parse(text)).as(text).isEqualTo(Double.parseDouble(text));
        }
    }

    @Test
    void emptyAndNanAreNotOffered() {
        assertThat(parse("")).isNaN();
        assertThat(parse("nan")).isNaN();
        assertThat(parse("NaN")).isNaN();
    }

    @Test
    void rejectsWhatIsNotADecimal() {
        for (String text : new String[] {"abc", "1.2.3", "1d", "0x10", "Infinity", "-", ".", "1,5", "$3"}) {
            assertThatThrownBy(() -> parse(text)).as(text).isInstanceOf(NumberFormatException.class);
        }
    }
}
