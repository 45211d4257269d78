package dev.sky.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sky.core.SkyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ENTRYPOINT arguments: a task YAML file, or a shell command. */
class EntrypointsTest {
    @TempDir
    Path dir;

    @Test
    void existingYamlFileIsATask() throws Exception {
        Path f = Files.writeString(dir.resolve("task.yaml"), "run: echo hi\n");
        var e = Entrypoints.resolve(List.of(f.toString()));
        assertThat(e.isYaml()).isTrue();
        assertThat(e.yamlFile()).isEqualTo(f);
    }

    @Test
    void existingFileWithAnotherNameIsATaskOnlyIfItIsAYamlMapping() throws Exception {
        Path yaml = Files.writeString(dir.resolve("task.txt"), "run: echo hi\n");
        assertThat(Entrypoints.resolve(List.of(yaml.toString())).isYaml()).isTrue();
        Path script = Files.writeString(dir.resolve("train.sh"), "python train.py --epochs 3\n");
        var e = Entrypoints.resolve(List.of(script.toString()));
        assertThat(e.isYaml()).isFalse();
        assertThat(e.command()).isEqualTo(script.toString());
    }

    @Test
    void missingYamlIsAnErrorNotACommand() {
        String missing = dir.resolve("nope.yml").toString();
        SkyException e = catchThrowableOfType(SkyException.class, () -> Entrypoints.resolve(List.of(missing)));
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.getMessage()).startsWith(missing + ": no such file");
    }

    @Test
    void wordsAreJoinedIntoACommand() {
        var e = Entrypoints.resolve(List.of("echo", "hello", "world"));
        assertThat(e.command()).isEqualTo("echo hello world");
        assertThat(e.commandTask().run()).isEqualTo("echo hello world");
        assertThat(e.commandTask().name()).isEqualTo("sky-cmd");
        assertThat(Entrypoints.resolve(List.of("python", "x.yaml")).isYaml()).isFalse();
    }

    @Test
    void noArgumentsIsEmpty() {
        assertThat(Entrypoints.resolve(List.of()).isEmpty()).isTrue();
    }
}
