package dev.sky.clouds.aws.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Whether this machine is an EC2 instance, from the files the hypervisor exposes: no network call. */
final class Ec2Detection {
    private Ec2Detection() {}

    static boolean onEc2() {
        return startsWith(Path.of("/sys/hypervisor/uuid"), "ec2")
                || startsWith(Path.of("/sys/devices/virtual/dmi/id/product_uuid"), "ec2")
                || startsWith(Path.of("/sys/devices/virtual/dmi/id/board_asset_tag"), "i-");
    }

    private static boolean startsWith(Path file, String prefix) {
        try {
            return Files.isReadable(file)
                    && Files.readString(file).strip().toLowerCase(Locale.ROOT).startsWith(prefix);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
