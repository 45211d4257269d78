package dev.sky.cli;

import static dev.sky.cli.testing.CommandResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sky.cli.testing.CommandResult;
import dev.sky.cli.testing.SkyInProcess;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CliBasicsTest {
    /** Every command a SkyPilot user knows; sky --help must list each one. */
    static final List<String> KNOWN_COMMANDS = List.of("launch", "exec", "status", "queue", "logs", "cancel", "stop",
            "start", "down", "autostop", "cost-report", "check", "show-gpus", "ssh-config", "local", "storage",
            "serve", "jobs", "completion");
    static final List<String> KNOWN_JOBS_COMMANDS = List.of("launch", "queue", "cancel", "logs");

    @TempDir
    Path dir;
    SkyInProcess sky;

    @BeforeEach
    void setUp() {
        sky = new SkyInProcess(dir.resolve("sky-home"), dir.resolve("home"));
    }

    @Test
    void helpListsEveryKnownCommand() {
        CommandResult r = sky.run("--help");
        assertThat(r).succeeded();
        for (String c : KNOWN_COMMANDS) {
            assertThat(r.stdout()).as("sky --help lists %s", c).containsPattern("(?m)^\\s+" + c + "\\s");
        }
        CommandResult jobs = sky.run("jobs", "--help");
        assertThat(jobs).succeeded();
        for (String c : KNOWN_JOBS_COMMANDS) {
            assertThat(jobs.stdout()).as("sky jobs --help lists %s", c).containsPattern("(?m)^\\s+" + c + "\\s");
        }
    }

    @Test
    void everyRegisteredCommandIsInTheHelpWithADescription() {
        CommandLine root = Main.commandLine(new CliContext(Map.of(), new ByteArrayInputStream(new byte[0]), false));
        String help = root.getUsageMessage();
        assertThat(root.getSubcommands().keySet()).containsAll(KNOWN_COMMANDS);
        root.getSubcommands().forEach((name, cl) -> {
            assertThat(help).containsPattern("(?m)^\\s+" + name + "\\s");
            assertThat(cl.getCommandSpec().usageMessage().description()).as("description of %s", name).isNotEmpty();
            cl.getSubcommands().forEach((sub, scl) ->
                    assertThat(scl.getCommandSpec().usageMessage().description()).as("%s %s", name, sub).isNotEmpty());
        });
    }

    @Test
    void theTreeBuiltForOneCommandPrintsTheSameHelpAsTheFullTree() {
        String full = Main.commandLine(new CliContext(Map.of(), new ByteArrayInputStream(new byte[0]), false))
                .getUsageMessage();
        assertThat(sky.run("--help").stdout()).isEqualTo(full);
        assertThat(sky.run("check", "--help").stdout()).contains("--verbose");
    }

    @Test
    void everyCommandHasItsOwnHelp() {
        for (String c : KNOWN_COMMANDS) {
            assertThat(sky.run(c, "--help")).succeeded().outContains("Usage: sky " + c);
        }
    }

    @Test
    void versionIsSkyAndAVersionNumber() {
        CommandResult r = sky.run("--version");
        assertThat(r).succeeded();
        assertThat(r.stdout().strip()).matches("sky \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void unknownOptionIsAUsageErrorWithoutStackTrace() {
        CommandResult r = sky.run("show-gpus", "--no-such-flag");
        assertThat(r).exitedWith(2).noStackTrace().errContains("--no-such-flag", "sky show-gpus --help");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void unknownCommandSuggestsTheNearestOne() {
        assertThat(sky.run("lanch")).exitedWith(2).noStackTrace().errContains("Did you mean", "launch");
    }

    @Test
    void debugShowsTheStackTraceOfAnError() {
        assertThat(sky.run("serve", "up", "svc.yaml")).exitedWith(1).noStackTrace().errIsOneLine();
        assertThat(sky.run("--debug", "serve", "up", "svc.yaml")).exitedWith(1).hasStackTrace();
        assertThat(sky.run("serve", "--debug", "up")).exitedWith(1).hasStackTrace();
        assertThat(sky.env("SKY_DEBUG", "1").run("serve", "up")).exitedWith(1).hasStackTrace();
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve"})
    void commandsNotBuiltYetSaySoInOneLine(String command) {
        CommandResult r = sky.run(command, "some-cluster");
        assertThat(r).exitedWith(1).errIsOneLine().noStackTrace();
        assertThat(r.stderr()).containsIgnoringCase("not").containsIgnoringCase("yet");
        assertThat(r.stdout()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"exec", "queue", "logs", "cancel", "stop", "start", "down", "autostop"})
    void clusterCommandsOnAClusterThatDoesNotExistExit4InOneLine(String command) {
        CommandResult r = switch (command) {
            case "exec" -> sky.run(command, "nope", "--", "echo", "hi");
            case "queue", "logs" -> sky.run(command, "nope");
            default -> sky.run(command, "nope", "-y");
        };
        assertThat(r).exitedWith(4).noStackTrace();
        assertThat(r.stderr()).contains("nope");
    }

    @Test
    void serveSaysItIsNotSupported() {
        assertThat(sky.run("serve", "up", "service.yaml")).exitedWith(1).errContains("Sky Serve is not supported yet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"queue", "cancel", "logs"})
    void managedJobCommandsSayTheyAreNotAvailable(String command) {
        assertThat(sky.run("jobs", command)).exitedWith(1).errIsOneLine().errContains("Managed jobs are not available");
    }

    @Test
    void bashAndZshCompletionCoverEveryCommand() {
        CommandResult bash = sky.run("completion", "bash");
        assertThat(bash).succeeded();
        CommandResult zsh = sky.run("completion", "zsh");
        assertThat(zsh).succeeded().outContains("bashcompinit");
        for (String c : KNOWN_COMMANDS) {
            assertThat(bash.stdout()).contains(c);
        }
        assertThat(bash.stdout()).contains("--dryrun", "--all-clouds");
    }

    @Test
    void fishCompletionCoversEveryCommand() {
        CommandResult fish = sky.run("completion", "fish");
        assertThat(fish).succeeded();
        for (String c : KNOWN_COMMANDS) {
            assertThat(fish.stdout()).contains("-a " + c + " ");
        }
        assertThat(fish.stdout()).contains("__fish_seen_subcommand_from launch' -l dryrun");
    }

    @Test
    void unknownShellIsAUsageError() {
        assertThat(sky.run("completion", "tcsh")).exitedWith(2).errContains("tcsh");
    }

    @Test
    void helpTouchesNothingUnderSkyHome() {
        sky.run("--help");
        sky.run("launch", "--help");
        assertThat(Files.exists(dir.resolve("sky-home"))).isFalse();
    }
}
