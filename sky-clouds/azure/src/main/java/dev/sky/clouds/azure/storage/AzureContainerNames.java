package dev.sky.clouds.azure.storage;

import dev.sky.core.SkyException;
import java.util.regex.Pattern;

/** Azure container naming rules, checked before any request so a bad name fails fast and contacts nothing. */
final class AzureContainerNames {
    private static final Pattern NAME = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");

    private AzureContainerNames() {}

    static void check(String container) {
        if (container == null || !NAME.matcher(container).matches()) {
            throw SkyException.invalidInput("invalid Azure container name '" + container + "': use 3-63 lowercase"
                    + " letters, digits or single hyphens, starting and ending with a letter or digit");
        }
    }
}
