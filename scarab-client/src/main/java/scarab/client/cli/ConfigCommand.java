package scarab.client.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import scarab.client.ClientContext;
import scarab.client.ConfigWarnings;
import scarab.protocol.ConfigCheck;

/** {@code scarab config}: the config file. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Work with the config file ($XDG_CONFIG_HOME/scarab/config.toml).",
        footer = {"", "Examples:",
                "  scarab config check                 check the config file the daemon reads",
                "  scarab config check ./new.toml      check another file before putting it in place"})
public final class ConfigCommand implements java.util.concurrent.Callable<Integer> {
    private final ClientContext ctx;

    @Spec
    CommandSpec spec;

    public ConfigCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(ctx.err());
        return 2;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check a config file without starting anything: list every problem (exit status 1) or"
                    + " say it is fine (0). A missing file is fine: every setting has its default.")
    int check(@Parameters(arity = "0..1", paramLabel = "FILE",
            description = "The file to check (default: the one the daemon reads).") Path file) {
        Path f = file == null ? ConfigWarnings.file(ctx) : ctx.cwd().resolve(file);
        if (file != null && !java.nio.file.Files.exists(f)) {
            ctx.err().println("scarab: " + f + ": no such file");
            return 1;
        }
        ConfigCheck check = ConfigCheck.of(f);
        if (check.ok()) {
            ctx.out().println(f + ": ok");
            return 0;
        }
        for (String p : check.problems()) {
            ctx.err().println(p);
        }
        return 1;
    }
}
