package dev.sky.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IniFileTest {
    @Test
    void readsSectionsKeysAndSkipsCommentsAndNestedValues() {
        IniFile ini = IniFile.parse("""
                # a comment
                [default]
                region = us-east-1
                ; another comment
                s3 =
                  max_concurrent_requests = 20
                output=json
                [profile dev]
                sso_session = corp
                """);
        assertThat(ini.get("default", "region")).contains("us-east-1");
        assertThat(ini.get("default", "output")).contains("json");
        assertThat(ini.section("default")).containsKey("s3").doesNotContainKey("max_concurrent_requests");
        assertThat(ini.get("default", "s3")).isEmpty();
        assertThat(ini.hasSection("profile dev")).isTrue();
        assertThat(ini.get("profile dev", "sso_session")).contains("corp");
        assertThat(ini.get("missing", "x")).isEmpty();
    }

    @Test
    void missingFileReadsEmpty(@TempDir Path dir) throws IOException {
        IniFile ini = IniFile.read(dir.resolve("nope"));
        assertThat(ini.sectionNames()).isEmpty();
    }

    @Test
    void nearestKeySuggestsOnlyCloseNames() {
        assertThat(NearestKey.of("awz", java.util.List.of("aws", "gcp", "azure"))).contains("aws");
        assertThat(NearestKey.of("zzzzzz", java.util.List.of("aws", "gcp"))).isEmpty();
    }
}
