package dev.sky.provision.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which ignore files apply to a tree, as in SkyPilot: if the tree's root holds a {@code .skyignore}, the
 * {@code .skyignore} files (at the root and in any folder) are used and {@code .gitignore} files are not; otherwise the
 * {@code .gitignore} files in any folder are used, plus {@code .git/info/exclude} at the root.
 */
public enum IgnoreFiles {
    SKYIGNORE(".skyignore"),
    GITIGNORE(".gitignore"),
    /** Nothing is read (only {@code .git} is left out): for callers that sync a tree verbatim. */
    NONE("");

    private final String fileName;

    IgnoreFiles(String fileName) {
        this.fileName = fileName;
    }

    /** The kind that applies to the tree at {@code root}. */
    public static IgnoreFiles detect(Path root) {
        return Files.isRegularFile(root.resolve(SKYIGNORE.fileName)) ? SKYIGNORE : GITIGNORE;
    }

    /** The per-folder ignore file name, or empty for {@link #NONE}. */
    public String fileName() {
        return fileName;
    }

    /** The rules that apply from the folder {@code dir} (relative path {@code relDir}) downwards. */
    List<IgnoreRule> rulesFor(Path root, Path dir, String relDir) {
        if (this == NONE) {
            return List.of();
        }
        List<IgnoreRule> rules = new ArrayList<>();
        if (this == GITIGNORE && relDir.isEmpty()) {
            // Lower precedence than the root .gitignore, so it goes first (the last match wins).
            read(root.resolve(".git").resolve("info").resolve("exclude"), rules);
        }
        read(dir.resolve(fileName), rules);
        return rules;
    }

    private static void read(Path file, List<IgnoreRule> into) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                IgnoreRule rule = IgnoreRule.parse(line);
                if (rule != null) {
                    into.add(rule);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read ignore file " + file, e);
        }
    }
}
