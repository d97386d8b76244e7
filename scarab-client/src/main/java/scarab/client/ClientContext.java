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

    /**
     * This process's context. Interactive means stdin and stdout are both terminals, as
     * {@code System.console() != null} tells; the launcher, which knows it for free ({@code test -t}),
     * passes it as {@code -Dscarab.terminal}, since the JDK's Console costs a short command a
     * formatter, a regex and a charset decoder to find out.
     */
    public static ClientContext system() {
        String terminal = System.getProperty("scarab.terminal");
        boolean interactive = terminal != null ? terminal.equals("true") : System.console() != null;
        return new ClientContext(System.getenv(), Path.of(System.getProperty("user.dir")), System.out, System.err,
                interactive);
    }

    public ScarabPaths paths() {
        return new ScarabPaths(env);
    }
}
