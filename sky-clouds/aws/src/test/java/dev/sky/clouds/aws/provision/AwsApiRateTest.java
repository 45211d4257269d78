package dev.sky.clouds.aws.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sky.core.SkyException;
import dev.sky.core.SkyPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aws.api_calls_per_second} from a real config.yaml. */
class AwsApiRateTest {
    @TempDir
    Path home;

    private AwsApiRate read(String yaml) throws Exception {
        Files.writeString(home.resolve("config.yaml"), yaml);
        return AwsApiRate.from(new SkyPaths(home, home));
    }

    @Test
    void defaultWithoutTheKeyAndTheConfiguredRateWithIt() throws Exception {
        assertThat(AwsApiRate.from(new SkyPaths(home, home))).isEqualTo(new AwsApiRate(AwsApiRate.DEFAULT));
        AwsApiRate r = read("aws:\n  api_calls_per_second: 2.5\n");
        assertThat(r.callsPerSecond()).isEqualTo(2.5);
        assertThat(r.burst()).isEqualTo(5);
    }

    @Test
    void aBadRateIsOneLineNamingTheKey() {
        for (String bad : new String[] {"0", "-3", "fast"}) {
            assertThatThrownBy(() -> read("aws:\n  api_calls_per_second: " + bad + "\n"))
                    .isInstanceOf(SkyException.class)
                    .hasMessageContaining("config.yaml:2:")
                    .hasMessageContaining("aws.api_calls_per_second")
                    .hasMessageNotContaining("\n");
        }
    }
}
