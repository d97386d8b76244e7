package scarab.client;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import scarab.protocol.ScarabPaths;

/**
 * What a command runs with: the environment, the working directory, the output streams and the
 * clock (for "5 minutes ago"). Passed in rather than read from {@code System} so tests can run
 * many clients in one JVM, and fix the time when they compare outputs.
 */
public record ClientContext(Map<String, String> env, Path cwd, PrintStream out, PrintStream err, boolean interactive,
                            Clock clock) {

    public ClientContext(Map<String, String> env, Path cwd, PrintStream out, PrintStream err, boolean interactive) {
        this(env, cwd, out, err, interactive, Clock.systemUTC());
    }

    public static ClientContext system() {
        return new ClientContext(System.getenv(), Path.of(System.getProperty("user.dir")), System.out, System.err,
                System.console() != null);
    }

    public ScarabPaths paths() {
        return new ScarabPaths(env);
    }
}
