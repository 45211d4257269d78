package dev.sky.provision.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestTest {

    private static ManifestEntry file(String path, long size, long mtime) {
        return new ManifestEntry(path, ManifestEntry.Type.FILE, 0644, size, mtime, null);
    }

    private static ManifestEntry dir(String path) {
        return new ManifestEntry(path, ManifestEntry.Type.DIRECTORY, 0755, 0, 0, null);
    }

    private static Manifest of(ManifestEntry... entries) {
        Map<String, ManifestEntry> map = new HashMap<>();
        for (ManifestEntry e : entries) {
            map.put(e.path(), e);
        }
        return new Manifest("g1", map);
    }

    @Test
    void roundTripsOddNames() {
        Manifest m = of(file("tab\there", 1, 2), file("new\nline", 3, 4), file("back\\slash", 5, 6), file("ünï cödé", 7, 8),
                new ManifestEntry("link", ManifestEntry.Type.SYMLINK, 0777, 0, 9, "../target\twith tab"), dir("d"));
        Manifest back = Manifest.parse(m.serialize());
        assertThat(back).isNotNull();
        assertThat(back.generation()).isEqualTo("g1");
        assertThat(back.entries()).isEqualTo(m.entries());
    }

    @Test
    void garbageParsesToNull() {
        assertThat(Manifest.parse("")).isNull();
        assertThat(Manifest.parse("something else\n")).isNull();
        assertThat(Manifest.parse(Manifest.MAGIC + "g\nF\tnotoctal\t1\t2\tp\n")).isNull();
    }

    @Test
    void ordersFolderContentsRightAfterTheFolder() {
        Manifest m = of(dir("a"), file("a-b", 1, 1), file("a/x", 1, 1), file("a.txt", 1, 1));
        assertThat(m.entries().keySet()).containsExactly("a", "a/x", "a-b", "a.txt");
    }

    @Test
    void diffSendsNewAndChangedAndRemovesGonePaths() {
        Manifest old = of(file("same", 1, 1), file("grown", 1, 1), file("touched", 1, 1), file("gone", 1, 1),
                dir("olddir"), file("olddir/a", 1, 1), file("olddir/b", 1, 1));
        Manifest now = of(file("same", 1, 1), file("grown", 2, 1), file("touched", 1, 5), file("added", 1, 1));
        SyncDiff diff = now.diffFrom(old);
        assertThat(diff.send()).extracting(ManifestEntry::path).containsExactly("added", "grown", "touched");
        // Only the folder is listed: removing it removes what is inside.
        assertThat(diff.remove()).containsExactly("gone", "olddir");
    }

    @Test
    void aPathThatChangedKindIsRemovedFirst() {
        Manifest old = of(file("x", 1, 1), dir("y"), file("y/z", 1, 1));
        Manifest now = of(dir("x"), file("x/inner", 1, 1), file("y", 3, 3));
        SyncDiff diff = now.diffFrom(old);
        assertThat(diff.remove()).containsExactlyInAnyOrder("x", "y");
        assertThat(diff.send()).extracting(ManifestEntry::path).containsExactly("x", "x/inner", "y");
    }

    @Test
    void identicalTreesNeedNothing() {
        Manifest a = of(dir("d"), file("d/f", 10, 20));
        assertThat(a.withGeneration("other").diffFrom(a).isEmpty()).isTrue();
    }
}
