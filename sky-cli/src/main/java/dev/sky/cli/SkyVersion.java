package dev.sky.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code sky --version}: {@code sky 0.1.0}, read from a resource the build fills in. */
public final class SkyVersion implements IVersionProvider {

    /** The version without Maven's {@code -SNAPSHOT} suffix. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = SkyVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Fall through to "unknown": a version string is not worth failing a command for.
        }
        return p.getProperty("version", "unknown").replace("-SNAPSHOT", "");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"sky " + version()};
    }
}
