package dev.sky.provision.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IgnoreRuleTest {

    private static boolean matches(String pattern, String path, boolean dir) {
        IgnoreRule rule = IgnoreRule.parse(pattern);
        assertThat(rule).as("pattern %s", pattern).isNotNull();
        return rule.matches(path, dir);
    }

    @Test
    void blankLinesAndCommentsAreNotRules() {
        assertThat(IgnoreRule.parse("")).isNull();
        assertThat(IgnoreRule.parse("   ")).isNull();
        assertThat(IgnoreRule.parse("# comment")).isNull();
        assertThat(IgnoreRule.parse("\\#hash").matches("#hash", false)).isTrue();
    }

    @Test
    void aNameWithoutSlashMatchesAtAnyDepth() {
        assertThat(matches("*.log", "a.log", false)).isTrue();
        assertThat(matches("*.log", "deep/er/a.log", false)).isTrue();
        assertThat(matches("*.log", "a.log.txt", false)).isFalse();
        assertThat(matches("build", "x/build", true)).isTrue();
        assertThat(matches("build", "x/build", false)).isTrue();
    }

    @Test
    void aSlashAnchorsToTheIgnoreFilesFolder() {
        assertThat(matches("/out", "out", true)).isTrue();
        assertThat(matches("/out", "src/out", true)).isFalse();
        assertThat(matches("doc/*.txt", "doc/a.txt", false)).isTrue();
        assertThat(matches("doc/*.txt", "x/doc/a.txt", false)).isFalse();
        assertThat(matches("doc/*.txt", "doc/sub/a.txt", false)).isFalse();
    }

    @Test
    void trailingSlashMatchesOnlyFolders() {
        assertThat(matches("cache/", "cache", true)).isTrue();
        assertThat(matches("cache/", "a/cache", true)).isTrue();
        assertThat(matches("cache/", "cache", false)).isFalse();
    }

    @Test
    void doubleStarSpansFolders() {
        assertThat(matches("**/logs", "logs", true)).isTrue();
        assertThat(matches("**/logs", "a/b/logs", true)).isTrue();
        assertThat(matches("a/**/b", "a/b", false)).isTrue();
        assertThat(matches("a/**/b", "a/x/y/b", false)).isTrue();
        assertThat(matches("a/**", "a/x/y", false)).isTrue();
        assertThat(matches("a/**", "a", true)).isFalse();
        assertThat(matches("data/**/*.bin", "data/1/2/w.bin", false)).isTrue();
    }

    @Test
    void singleStarAndQuestionMarkStayInOneSegment() {
        assertThat(matches("a/*", "a/b/c", false)).isFalse();
        assertThat(matches("?.py", "x.py", false)).isTrue();
        assertThat(matches("?.py", "xy.py", false)).isFalse();
        assertThat(matches("a?b", "a/b", false)).isFalse();
    }

    @Test
    void characterClasses() {
        assertThat(matches("*.[oa]", "x.o", false)).isTrue();
        assertThat(matches("*.[oa]", "x.c", false)).isFalse();
        assertThat(matches("*.[!oa]", "x.c", false)).isTrue();
        assertThat(matches("file[0-9]", "file7", false)).isTrue();
        assertThat(matches("a[!x]b", "a/b", false)).isFalse();
    }

    @Test
    void negationAndEscapes() {
        IgnoreRule keep = IgnoreRule.parse("!important.log");
        assertThat(keep.negated()).isTrue();
        assertThat(keep.matches("important.log", false)).isTrue();
        assertThat(IgnoreRule.parse("\\!bang").negated()).isFalse();
        assertThat(matches("\\!bang", "!bang", false)).isTrue();
        assertThat(matches("trailing\\ ", "trailing ", false)).isTrue();
        assertThat(matches("spaces   ", "spaces", false)).isTrue();
        assertThat(matches("a+b(c).txt", "a+b(c).txt", false)).isTrue();
    }
}
