package dev.sky.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.core.task.Infra;
import dev.sky.core.task.ResourceChoice;
import dev.sky.core.task.Resources;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** infra forms, the legacy cloud/region/zone, and any_of/ordered expansion. */
class InfraAndExpansionTest {

    @ParameterizedTest(name = "infra {0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "aws                         | aws        | -                  | -",
            "AWS/us-east-1               | aws        | us-east-1          | -",
            "aws/us-east-1/us-east-1a    | aws        | us-east-1          | us-east-1a",
            "\"*\"                         | -          | -                  | -",
            "\"*/us-east-1\"               | -          | us-east-1          | -",
            "\"*/*/us-east-1a\"            | -          | -                  | us-east-1a",
            "aws/*/us-east-1a            | aws        | -                  | us-east-1a",
            "k8s                         | kubernetes | -                  | -",
            "k8s/my-ctx                  | kubernetes | my-ctx             | -",
            "kubernetes/arn:aws:eks:us-east-1:123:cluster/x | kubernetes | arn:aws:eks:us-east-1:123:cluster/x | -",
            "ssh/my-pool                 | ssh        | ssh-my-pool        | -",
            "local                       | local      | -                  | -",
            "gcp/us-central1/            | gcp        | us-central1        | -"})
    void infraForms(String yaml, String cloud, String region, String zone) {
        Infra i = Yamls.candidates("resources:\n  infra: " + yaml + "\n").get(0).infra();
        assertThat(i).isEqualTo(new Infra(cloud, region, zone));
    }

    @Test
    void legacyCloudRegionZone() {
        Infra i = Yamls.candidates("resources:\n  cloud: GCP\n  region: us-central1\n  zone: us-central1-a\n")
                .get(0).infra();
        assertThat(i).isEqualTo(new Infra("gcp", "us-central1", "us-central1-a"));
        assertThat(Yamls.candidates("resources:\n  region: eu-west-1\n").get(0).infra())
                .isEqualTo(new Infra(null, "eu-west-1", null));
        assertThat(Yamls.error("resources:\n  cloud: amazon\n").getMessage())
                .startsWith("task.yaml:2:10: resources.cloud: unknown cloud 'amazon'");
    }

    @Test
    void anyOfEntriesMergeOverTheBaseAndMergeLabels() {
        ResourceChoice c = Yamls.task("""
                resources:
                  cpus: 4+
                  labels: {team: ml, env: dev}
                  any_of:
                    - infra: aws
                      labels: {env: prod}
                    - infra: gcp
                      cpus: 8
                """).resources();
        assertThat(c.ordered()).isFalse();
        assertThat(c.candidates()).hasSize(2);
        Resources aws = c.candidates().get(0);
        assertThat(aws.infra().cloud()).isEqualTo("aws");
        assertThat(aws.cpus().toString()).isEqualTo("4+");
        assertThat(aws.labels()).containsEntry("team", "ml").containsEntry("env", "prod").hasSize(2);
        Resources gcp = c.candidates().get(1);
        assertThat(gcp.cpus().toString()).isEqualTo("8");
        assertThat(gcp.labels()).containsEntry("env", "dev");
    }

    @Test
    void orderedEntriesKeepTheirOrder() {
        ResourceChoice c = Yamls.task("""
                resources:
                  accelerators: A100:8
                  ordered:
                    - infra: gcp/us-central1
                    - infra: aws/us-east-1
                    - region: eu-west-1
                """).resources();
        assertThat(c.ordered()).isTrue();
        assertThat(c.candidates().stream().map(r -> r.infra().toString()).toList())
                .containsExactly("gcp/us-central1", "aws/us-east-1", "*/eu-west-1");
        assertThat(c.candidates()).allSatisfy(r -> assertThat(r.accelerator().toString()).isEqualTo("A100:8"));
    }

    @Test
    void acceleratorSetTimesAnyOfGivesEveryCombination() {
        List<Resources> rs = Yamls.candidates("""
                resources:
                  accelerators: {'A100:1', 'T4:1'}
                  any_of:
                    - cloud: aws
                    - cloud: gcp
                """);
        assertThat(rs.stream().map(r -> r.infra().cloud() + "/" + r.accelerator()).toList())
                .containsExactly("aws/A100:1", "aws/T4:1", "gcp/A100:1", "gcp/T4:1");
    }

    @Test
    void anyOfEntryMayChooseItsOwnAccelerator() {
        List<Resources> rs = Yamls.candidates("""
                resources:
                  any_of:
                    - accelerators: H100:8
                      use_spot: true
                    - gpus: A100:8
                """);
        assertThat(rs).extracting(r -> r.accelerator().toString()).containsExactly("H100:8", "A100:8");
        assertThat(rs.get(0).useSpot()).isTrue();
        assertThat(rs.get(1).useSpot()).isFalse();
    }

    @Test
    void unsupportedButAcceptedKeysWarnOnce() {
        var t = Yamls.task("""
                resources:
                  local_disk: nvme
                  volumes:
                    - path: /data
                      name: vol
                  any_of:
                    - cpus: 2
                    - cpus: 4
                """);
        assertThat(t.resources().candidates()).hasSize(2)
                .allSatisfy(r -> assertThat(r.extra()).containsEntry("local_disk", "nvme").containsKey("volumes"));
        assertThat(t.warnings()).filteredOn(w -> w.contains("local_disk")).hasSize(1);
        assertThat(t.warnings()).filteredOn(w -> w.contains("resources.volumes")).hasSize(1);
    }
}
