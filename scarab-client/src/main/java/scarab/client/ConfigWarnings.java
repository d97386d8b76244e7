package scarab.client;

import java.nio.file.Path;
import scarab.protocol.ConfigCheck;

/**
 * Tells the user, on stderr, what is wrong in their config file: the daemon runs with the defaults
 * of the bad keys, and this is where the user sees that it does (daemon start, attach, new).
 */
public final class ConfigWarnings {
    private ConfigWarnings() {}

    public static Path file(ClientContext ctx) {
        return ctx.paths().configDir().resolve("config.toml");
    }

    /** Reads and checks the config file, prints a line per problem, and returns what it read. */
    public static ConfigCheck print(ClientContext ctx) {
        ConfigCheck check = ConfigCheck.of(file(ctx));
        for (String w : check.warnings()) {
            ctx.err().println("scarab: " + w);
        }
        return check;
    }
}
