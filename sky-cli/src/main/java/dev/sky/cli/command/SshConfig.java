package dev.sky.cli.command;

import dev.sky.cli.BaseCommand;
import dev.sky.cli.cluster.ClusterCommandSupport;
import dev.sky.core.ExitCode;
import dev.sky.provision.cluster.ClusterContext;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sky ssh-config}: shows the Include line that makes {@code ssh CLUSTER} work; --install adds it to
 * ~/.ssh/config (done automatically only with the default SKY_HOME).
 */
@Command(name = "ssh-config", description = "Show, or --install, the Include line that makes 'ssh CLUSTER' work.")
public final class SshConfig extends BaseCommand {
    @Option(names = "--install", description = "Add the Include line to ~/.ssh/config.")
    boolean install;

    @Override
    protected int run() {
        try (ClusterContext cc = ClusterCommandSupport.context(context())) {
            var files = cc.sshFiles();
            Path userConfig = cc.paths().userHome().resolve(".ssh").resolve("config");
            if (install) {
                boolean added = files.installInclude(userConfig);
                out().println(added ? "Added to " + userConfig + ": " + files.includeLine()
                        : userConfig + " already includes sky's SSH config.");
            } else {
                out().println(files.includeLine());
                out().println("Add that line at the top of " + userConfig + ", or run: sky ssh-config --install");
            }
            return ExitCode.OK;
        }
    }
}
