package dev.sky.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sky.core.SkyException;
import dev.sky.core.task.Pipeline;
import dev.sky.core.task.Resources;
import dev.sky.core.task.Task;
import java.util.List;

/** Test helpers: load YAML text the way {@code sky launch} does, labelled {@code task.yaml}. */
final class Yamls {
    private Yamls() {}

    static Pipeline pipeline(String yaml) {
        return TaskOverrides.none().apply(TaskLoader.parseString(yaml, "task.yaml"));
    }

    static Task task(String yaml) {
        Pipeline p = pipeline(yaml);
        assertThat(p.tasks()).hasSize(1);
        return p.single();
    }

    static List<Resources> candidates(String yaml) {
        return task(yaml).resources().candidates();
    }

    /** The error of loading {@code yaml}: exit code 2, one line. */
    static SkyException error(String yaml) {
        SkyException e = catchThrowableOfType(SkyException.class, () -> pipeline(yaml));
        assertThat(e).as("loading should fail:\n%s", yaml).isNotNull();
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }
}
