package dev.sky.clouds.ssh.pools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The parts of {@code ~/.ssh/config} a pool host may name: {@code HostName}, {@code User}, {@code Port} and
 * {@code IdentityFile} of the {@code Host} blocks that match it, the first value of each winning, as OpenSSH reads
 * them. {@code Match}, {@code Include} and every other keyword are ignored.
 */
public final class SshConfigAliases {
    /**
     * What the config says about one name; null where it says nothing.
     *
     * @param hostName the real address
     * @param user the login user
     * @param port the port, or 0
     * @param identityFile the first IdentityFile, {@code ~} expanded
     */
    public record Entry(String hostName, String user, int port, String identityFile) {}

    private record Block(List<Pattern> patterns, List<String[]> options) {}

    private final List<Block> blocks;
    private final Path userHome;

    private SshConfigAliases(List<Block> blocks, Path userHome) {
        this.blocks = blocks;
        this.userHome = userHome;
    }

    /** Reads {@code <userHome>/.ssh/config}; a missing or unreadable file matches nothing. */
    public static SshConfigAliases read(Path userHome) {
        Path file = userHome.resolve(".ssh").resolve("config");
        List<Block> blocks = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return new SshConfigAliases(blocks, userHome);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new SshConfigAliases(blocks, userHome);
        }
        Block current = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split("\\s*=\\s*|\\s+", 2);
            String key = kv[0].toLowerCase(Locale.ROOT);
            String value = kv.length > 1 ? unquote(kv[1].strip()) : "";
            if (key.equals("host")) {
                List<Pattern> ps = new ArrayList<>();
                for (String p : value.split("\\s+")) {
                    if (!p.isEmpty() && !p.startsWith("!")) {
                        ps.add(glob(p));
                    }
                }
                current = new Block(ps, new ArrayList<>());
                blocks.add(current);
            } else if (key.equals("match")) {
                current = null;
            } else if (current != null) {
                current.options().add(new String[] {key, value});
            }
        }
        return new SshConfigAliases(blocks, userHome);
    }

    /** What the config says about {@code name}. */
    public Entry lookup(String name) {
        String hostName = null;
        String user = null;
        String identity = null;
        int port = 0;
        for (Block b : blocks) {
            if (b.patterns().stream().noneMatch(p -> p.matcher(name).matches())) {
                continue;
            }
            for (String[] o : b.options()) {
                switch (o[0]) {
                    case "hostname" -> hostName = hostName == null ? o[1].replace("%h", name) : hostName;
                    case "user" -> user = user == null ? o[1] : user;
                    case "identityfile" -> identity = identity == null ? expand(o[1]) : identity;
                    case "port" -> {
                        if (port == 0 && o[1].matches("\\d{1,5}")) {
                            port = Integer.parseInt(o[1]);
                        }
                    }
                    default -> { }
                }
            }
        }
        return new Entry(hostName, user, port, identity);
    }

    private String expand(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return userHome.resolve(path.length() <= 2 ? "" : path.substring(2)).toString();
        }
        return path;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static Pattern glob(String p) {
        StringBuilder re = new StringBuilder();
        for (char ch : p.toCharArray()) {
            switch (ch) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
