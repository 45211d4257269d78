package dev.sky.cli.e2e;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sky.cli.testing.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code workdir: {url, ref}} and {@code --git-url/--git-ref}: the repository is cloned on the node at that ref. */
class GitWorkdirIT {
    @TempDir
    Path dir;
    LocalSky sky;

    @BeforeEach
    void setUp() {
        sky = new LocalSky(dir);
    }

    @AfterEach
    void tearDown() {
        sky.close();
    }

    @Test
    void theRepositoryIsClonedOnTheNodeAtTheRef() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/git")), "git not installed");
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo);
        git(repo, "init", "-q");
        Files.writeString(repo.resolve("version.txt"), "one\n");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "one");
        git(repo, "tag", "v1");
        Files.writeString(repo.resolve("version.txt"), "two\n");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-am", "two");

        Path task = dir.resolve("task.yaml");
        Files.writeString(task, "resources:\n  infra: local\nworkdir:\n  url: file://" + repo + "\n  ref: v1\n"
                + "run: echo \"version $(cat version.txt)\"\n");
        CommandResult r = sky.run("launch", "-y", "-c", "gitwd", task.toString());
        assertThat(r).succeeded().outContains("version one");

        CommandResult head = sky.run("exec", "gitwd", "--git-url", "file://" + repo, "--", "echo", "now",
                "$(cat version.txt)");
        assertThat(head).succeeded().outContains("now two");

        assertThat(sky.run("exec", "gitwd", "--git-url", "file://" + repo, "--workdir", dir.toString(), "--",
                "true")).exitedWith(2).errContains("--git-url");
    }

    private static void git(Path repo, String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + ": " + new String(p.getInputStream()
                    .readAllBytes()));
        }
    }
}
