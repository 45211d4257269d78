package dev.sky.provision.spi;

import dev.sky.core.SkyException;

/**
 * Ports to open on a cluster's nodes: one port ({@code 8080}) or an inclusive range ({@code 10000-10010}).
 *
 * @param first first port
 * @param last last port, equal to {@code first} for a single port
 */
public record PortRange(int first, int last) {
    public PortRange {
        if (first < 1 || last > 65535 || first > last) {
            throw SkyException.invalidInput("invalid port range " + first + "-" + last
                    + ": ports are 1-65535 and the first is not above the last");
        }
    }

    public static PortRange single(int port) {
        return new PortRange(port, port);
    }

    /** Parses SkyPilot's forms: {@code 8080} or {@code 10000-10010}. */
    public static PortRange parse(String text) {
        String s = text.strip();
        int dash = s.indexOf('-');
        try {
            if (dash < 0) {
                return single(Integer.parseInt(s));
            }
            return new PortRange(Integer.parseInt(s.substring(0, dash).strip()),
                    Integer.parseInt(s.substring(dash + 1).strip()));
        } catch (NumberFormatException e) {
            throw SkyException.invalidInput("invalid port '" + text + "': expected a port like 8080 or a range like 10000-10010");
        }
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
