package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.cli.render.FishCompletion;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code sky completion bash|zsh|fish}: prints a completion script to source from the shell's rc file. */
@Command(name = "completion",
        description = {"Print a shell completion script.",
            "bash: add 'source <(sky completion bash)' to ~/.bashrc",
            "zsh:  add 'source <(sky completion zsh)' to ~/.zshrc",
            "fish: sky completion fish > ~/.config/fish/completions/sky.fish"})
public final class Completion extends BaseCommand {
    public enum Shell { bash, zsh, fish }

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash, zsh or fish.")
    Shell shell;

    @Override
    protected int run() {
        picocli.CommandLine root = spec.root().commandLine();
        String bash = AutoComplete.bash("sky", root);
        switch (shell) {
            case bash -> out().print(bash);
            // picocli's script runs under zsh once bashcompinit is loaded.
            case zsh -> out().print("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
                    + bash);
            case fish -> out().print(FishCompletion.script(root));
        }
        return 0;
    }
}
