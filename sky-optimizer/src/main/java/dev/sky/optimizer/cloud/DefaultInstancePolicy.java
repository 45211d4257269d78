package dev.sky.optimizer.cloud;

import dev.sky.core.task.Amount;
import java.util.List;

/**
 * What a cloud picks when a task names neither accelerators nor an instance type.
 *
 * @param families instance families to choose from, e.g. {@code m6i}, {@code n2-standard}, {@code Standard_D} +
 *     {@code s_v5}; matched by {@link #admitsFamily(String)}
 * @param defaultCpus cpus when the task gives neither cpus nor memory (SkyPilot: {@code 8+})
 * @param defaultMemoryPerCpu memory when the task gives none (SkyPilot: {@code 4x})
 */
public record DefaultInstancePolicy(List<String> families, Amount defaultCpus, Amount defaultMemoryPerCpu) {

    /** The instance family: AWS {@code m6i} from {@code m6i.2xlarge}; GCP {@code n2-standard} from {@code n2-standard-8}. */
    public static String familyOf(String instanceType) {
        int dot = instanceType.indexOf('.');
        if (dot > 0) {
            return instanceType.substring(0, dot);
        }
        int dash = instanceType.lastIndexOf('-');
        if (dash > 0 && !instanceType.startsWith("Standard_")) {
            return instanceType.substring(0, dash);
        }
        return instanceType;
    }

    /**
     * Whether the instance type is in one of the default families. Entries are an exact family ({@code m6i},
     * {@code n2-standard}) or, for Azure, a regex over the whole name ({@code Standard_D\d+s_v5}).
     */
    public boolean admitsFamily(String instanceType) {
        String family = familyOf(instanceType);
        for (String f : families) {
            if (f.equals(family) || (f.startsWith("Standard_") && instanceType.matches(f))) {
                return true;
            }
        }
        return false;
    }
}
