package dev.sky.provision.sync;

import java.util.regex.Pattern;

/**
 * One line of a {@code .gitignore}-style file, compiled.
 *
 * @param pattern matches a path relative to the folder that holds the ignore file
 * @param negated the line started with {@code !}: a match re-includes the path
 * @param directoryOnly the line ended with {@code /}: only folders match
 * @param source the pattern as written, for messages and tests
 */
public record IgnoreRule(Pattern pattern, boolean negated, boolean directoryOnly, String source) {

    /**
     * Compiles one line, or returns null for blank lines and comments. Follows git's rules: {@code #} comments,
     * {@code \} escapes, trailing spaces dropped unless escaped, {@code !} negation, trailing {@code /} for folders
     * only, a {@code /} at the start or in the middle anchors the pattern to the ignore file's folder (otherwise it
     * matches a name at any depth), {@code *} {@code ?} {@code [...]} within one path segment, and {@code **} across
     * segments when it stands alone between slashes.
     */
    public static IgnoreRule parse(String line) {
        String text = stripTrailingSpaces(line);
        if (text.isEmpty() || text.startsWith("#")) {
            return null;
        }
        boolean negated = false;
        if (text.startsWith("!")) {
            negated = true;
            text = text.substring(1);
        }
        boolean directoryOnly = false;
        if (text.endsWith("/") && !text.endsWith("\\/")) {
            directoryOnly = true;
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty() || text.equals("/")) {
            return null;
        }
        boolean anchored = text.indexOf('/') >= 0;
        if (text.startsWith("/")) {
            text = text.substring(1);
        }
        String regex = (anchored ? "" : "(?:.*/)?") + globToRegex(text);
        return new IgnoreRule(Pattern.compile(regex, Pattern.DOTALL), negated, directoryOnly, line);
    }

    /** Whether this rule matches a path (relative to the ignore file's folder, '/'-separated). */
    public boolean matches(String relativePath, boolean isDirectory) {
        if (directoryOnly && !isDirectory) {
            return false;
        }
        return pattern.matcher(relativePath).matches();
    }

    private static String stripTrailingSpaces(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t' || line.charAt(end - 1) == '\r')) {
            if (end >= 2 && line.charAt(end - 2) == '\\' && line.charAt(end - 1) == ' ') {
                break;
            }
            end--;
        }
        return line.substring(0, end);
    }

    static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int n = glob.length();
        int i = 0;
        while (i < n) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*' && (i == 0 || glob.charAt(i - 1) == '/')
                    && (i + 2 == n || glob.charAt(i + 2) == '/')) {
                if (i + 2 == n) {
                    re.append(".*"); // "x/**": everything inside x
                    i += 2;
                } else {
                    re.append("(?:.*/)?"); // "**/" : zero or more folders
                    i += 3;
                }
                continue;
            }
            switch (c) {
                case '*':
                    re.append("[^/]*");
                    while (i + 1 < n && glob.charAt(i + 1) == '*') {
                        i++;
                    }
                    break;
                case '?':
                    re.append("[^/]");
                    break;
                case '[':
                    int close = classEnd(glob, i);
                    if (close < 0) {
                        re.append("\\[");
                    } else {
                        re.append(characterClass(glob.substring(i + 1, close)));
                        i = close;
                    }
                    break;
                case '\\':
                    if (i + 1 < n) {
                        i++;
                        re.append(Pattern.quote(String.valueOf(glob.charAt(i))));
                    }
                    break;
                default:
                    re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return re.toString();
    }

    private static int classEnd(String glob, int open) {
        int j = open + 1;
        if (j < glob.length() && (glob.charAt(j) == '!' || glob.charAt(j) == '^')) {
            j++;
        }
        if (j < glob.length() && glob.charAt(j) == ']') {
            j++;
        }
        while (j < glob.length() && glob.charAt(j) != ']') {
            j++;
        }
        return j < glob.length() ? j : -1;
    }

    private static String characterClass(String body) {
        // A class never matches the separator, as in git.
        StringBuilder cls = new StringBuilder("(?!/)[");
        int k = 0;
        if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
            cls.append('^');
            k = 1;
        }
        for (; k < body.length(); k++) {
            char ch = body.charAt(k);
            if (ch == '\\' || ch == '[' || ch == ']' || ch == '&' || ch == '^') {
                cls.append('\\');
            }
            cls.append(ch);
        }
        return cls.append(']').toString();
    }
}
