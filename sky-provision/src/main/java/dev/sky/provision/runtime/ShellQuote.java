package dev.sky.provision.runtime;

/** POSIX shell quoting: the quoted word reaches the command exactly as given. */
public final class ShellQuote {
    private ShellQuote() {}

    /** {@code abc} stays as is; anything else is single-quoted, with {@code '} written as {@code '\''}. */
    public static String quote(String value) {
        if (!value.isEmpty() && value.chars().allMatch(ShellQuote::isSafe)) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static boolean isSafe(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-' || c == '/' || c == ',' || c == ':' || c == '=' || c == '@';
    }
}
