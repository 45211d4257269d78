package dev.sky.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.task.FileMount;
import dev.sky.core.task.Pipeline;
import dev.sky.core.task.Task;
import org.junit.jupiter.api.Test;

/** Top-level task keys, multi-document pipelines and {@code ${VAR}} substitution. */
class PipelineAndTaskTest {

    @Test
    void fullTask() {
        Task t = Yamls.task("""
                name: train
                workdir: ./src
                num_nodes: 2
                envs:
                  EPOCHS: 20
                  LR: 0.001
                  DEBUG: true
                  EMPTY: ""
                secrets:
                  HF_TOKEN: abc
                file_mounts:
                  /data: ~/data
                  /ckpt: s3://bucket/ckpt
                  /out:
                    name: my-out
                    store: s3
                    mode: copy
                    persistent: false
                  /multi:
                    source: [./a, ./b]
                    mode: MOUNT_CACHED
                    config:
                      mount_cached:
                        transfers: 8
                setup: pip install -r requirements.txt
                run: |
                  python train.py
                inputs:
                  s3://bucket/data: 100
                """);
        assertThat(t.name()).isEqualTo("train");
        assertThat(t.workdir().localPath()).isEqualTo("./src");
        assertThat(t.numNodes()).isEqualTo(2);
        assertThat(t.envs()).containsExactly(java.util.Map.entry("EPOCHS", "20"), java.util.Map.entry("LR", "0.001"),
                java.util.Map.entry("DEBUG", "True"), java.util.Map.entry("EMPTY", ""));
        assertThat(t.secrets()).containsEntry("HF_TOKEN", "abc");
        assertThat(t.fileMounts()).containsOnlyKeys("/data", "/ckpt", "/out", "/multi");
        assertThat(t.fileMounts().get("/data").source()).isEqualTo("~/data");
        assertThat(t.fileMounts().get("/ckpt").isCloudUri()).isTrue();
        FileMount out = t.fileMounts().get("/out");
        assertThat(out.storage().name()).isEqualTo("my-out");
        assertThat(out.storage().store()).isEqualTo("S3");
        assertThat(out.storage().mode()).isEqualTo("COPY");
        assertThat(out.storage().persistent()).isFalse();
        assertThat(t.fileMounts().get("/multi").storage().sources()).containsExactly("./a", "./b");
        assertThat(t.fileMounts().get("/multi").storage().mode()).isEqualTo("MOUNT_CACHED");
        assertThat(t.setup()).isEqualTo("pip install -r requirements.txt");
        assertThat(t.run()).isEqualTo("python train.py\n");
        assertThat(t.inputs()).containsEntry("s3://bucket/data", 100.0);
        assertThat(t.warnings()).isEmpty();
    }

    @Test
    void gitWorkdirAndCarriedSections() {
        Task t = Yamls.task("""
                workdir:
                  url: https://github.com/org/repo.git
                  ref: v1.2
                service:
                  readiness_probe: /health
                  replicas: 2
                  anything_goes: {nested: [1, 2]}
                config:
                  kubernetes:
                    pod_config: {spec: {hostNetwork: true}}
                event_callback: echo done
                api_server_access: true
                """);
        assertThat(t.workdir().isGit()).isTrue();
        assertThat(t.workdir().gitRef()).isEqualTo("v1.2");
        assertThat(t.service()).containsEntry("replicas", 2L).containsKey("anything_goes");
        assertThat(t.config()).containsKey("kubernetes");
        assertThat(t.eventCallback()).isEqualTo("echo done");
        assertThat(t.warnings()).anyMatch(w -> w.startsWith("task.yaml:9:3: config.kubernetes:"))
                .anyMatch(w -> w.contains("event_callback")).anyMatch(w -> w.contains("api_server_access"));
    }

    @Test
    void multiDocumentWithNameHeaderIsAPipeline() {
        Pipeline p = Yamls.pipeline("""
                name: pipe
                ---
                name: train
                run: echo train
                ---
                # a comment-only document is skipped
                ---
                name: eval
                run: echo eval
                """);
        assertThat(p.name()).isEqualTo("pipe");
        assertThat(p.multiDocument()).isTrue();
        assertThat(p.tasks()).extracting(Task::name).containsExactly("train", "eval");
        assertThat(p.jobGroup()).isEmpty();
    }

    @Test
    void singleDocumentPipelineTakesTheTaskName() {
        Pipeline p = Yamls.pipeline("name: solo\nrun: echo\n");
        assertThat(p.name()).isEqualTo("solo");
        assertThat(p.multiDocument()).isFalse();
        Pipeline onlyName = Yamls.pipeline("name: just-a-name\n");
        assertThat(onlyName.tasks()).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("just-a-name"));
        Pipeline headerPlusOne = Yamls.pipeline("name: p\n---\nname: t\nrun: echo\n");
        assertThat(headerPlusOne.multiDocument()).isFalse();
        assertThat(headerPlusOne.name()).isEqualTo("p");
    }

    @Test
    void jobGroupHeaderIsCarriedWithAWarning() {
        Pipeline p = Yamls.pipeline("""
                # leading comments
                ---
                name: group
                execution: parallel
                primary_tasks: [a]
                ---
                name: a
                run: echo a
                ---
                name: b
                run: echo b
                """);
        assertThat(p.name()).isEqualTo("group");
        assertThat(p.jobGroup()).containsEntry("execution", "parallel");
        assertThat(p.tasks()).hasSize(2);
        assertThat(p.tasks().get(0).warnings()).anyMatch(w -> w.contains("job group header"));
    }

    @Test
    void variablesAreSubstitutedWhereSkyPilotDoes() {
        Task t = Yamls.task("""
                envs:
                  SIZE: 7
                  BUCKET: my-bucket
                secrets:
                  TOKEN: t0k
                workdir: ./models/${SIZE}b
                file_mounts:
                  /model-${SIZE}b: s3://weights/llama-${SIZE}b
                  /out:
                    name: ${BUCKET}-$SIZE
                    source: ./out/${UNKNOWN}
                service:
                  readiness_probe:
                    path: /v1/models
                    headers: {Authorization: Bearer $TOKEN}
                volumes:
                  /vol: vol-${SIZE}
                setup: echo ${SIZE}
                run: echo $SIZE
                """);
        assertThat(t.workdir().localPath()).isEqualTo("./models/7b");
        assertThat(t.fileMounts()).containsKey("/model-7b");
        assertThat(t.fileMounts().get("/model-7b").source()).isEqualTo("s3://weights/llama-7b");
        assertThat(t.fileMounts().get("/out").storage().name()).isEqualTo("my-bucket-7");
        assertThat(t.fileMounts().get("/out").storage().sources()).containsExactly("./out/${UNKNOWN}");
        @SuppressWarnings("unchecked")
        var probe = (java.util.Map<String, Object>) t.service().get("readiness_probe");
        assertThat(probe.get("headers")).isEqualTo(java.util.Map.of("Authorization", "Bearer t0k"));
        assertThat(t.volumes()).containsEntry("/vol", "vol-7");
        assertThat(t.setup()).isEqualTo("echo ${SIZE}");
        assertThat(t.run()).isEqualTo("echo $SIZE");
    }

    @Test
    void parseKeepsTheYamlAsWritten() {
        Pipeline raw = TaskLoader.parseString("envs:\n  A:\nfile_mounts:\n  /x: ${A}\n", "task.yaml");
        assertThat(raw.single().envs()).containsEntry("A", null);
        assertThat(raw.single().fileMounts()).containsKey("/x");
        assertThat(raw.single().fileMounts().get("/x").source()).isEqualTo("${A}");
    }

    @Test
    void mergeKeysAndAnchorsWork() {
        var rs = Yamls.candidates("""
                resources:
                  any_of:
                    - &base {cpus: 4, memory: 16}
                    - <<: *base
                      cpus: 8
                """);
        assertThat(rs).extracting(r -> r.cpus() + "/" + r.memory()).containsExactly("4/16", "8/16");
        Task merged = Yamls.task("""
                envs: &e
                  A: "1"
                secrets:
                  <<: *e
                  B: "2"
                """);
        assertThat(merged.secrets()).containsEntry("A", "1").containsEntry("B", "2");
    }
}
