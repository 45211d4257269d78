package dev.sky.core.yaml;

import dev.sky.core.SkyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dotenv file ({@code --env-file}): {@code KEY=VALUE} lines, optional {@code export}, {@code #} comments, and
 * single- or double-quoted values (double quotes understand {@code \n}, {@code \"} and {@code \\}).
 */
public final class DotEnv {
    private DotEnv() {}

    public static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SkyException.invalidInput(file + ": cannot read the env file: " + e.getMessage());
        }
        return parse(lines, file.toString());
    }

    static Map<String, String> parse(List<String> lines, String label) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            String at = label + ":" + (i + 1) + ":1: ";
            if (eq <= 0) {
                throw SkyException.invalidInput(at + "expected KEY=VALUE");
            }
            String key = line.substring(0, eq).strip();
            if (!TaskParser.ENV_NAME.matcher(key).matches()) {
                throw SkyException.invalidInput(at + "'" + key + "' is not a valid variable name");
            }
            out.put(key, value(line.substring(eq + 1).strip(), at + key));
        }
        return out;
    }

    private static String value(String v, String where) {
        if (v.startsWith("'")) {
            int end = v.indexOf('\'', 1);
            if (end < 0) {
                throw SkyException.invalidInput(where + ": the quoted value is not closed");
            }
            return v.substring(1, end);
        }
        if (v.startsWith("\"")) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\' && i + 1 < v.length()) {
                    char n = v.charAt(++i);
                    b.append(switch (n) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> n;
                    });
                } else {
                    b.append(c);
                }
            }
            throw SkyException.invalidInput(where + ": the quoted value is not closed");
        }
        int comment = v.indexOf(" #");
        return (comment >= 0 ? v.substring(0, comment) : v).strip();
    }
}
