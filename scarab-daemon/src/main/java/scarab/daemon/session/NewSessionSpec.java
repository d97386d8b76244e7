package scarab.daemon.session;

import java.util.List;
import java.util.Map;

/**
 * A validated request for a new session. {@code command} null means the default shell;
 * {@code beforeReader}, if given, is told the new pane before its output is read (a recording
 * that must have every byte of it).
 */
public record NewSessionSpec(String name, List<String> command, String cwd, int cols, int rows,
                             Map<String, String> env, java.util.function.Consumer<Pane> beforeReader) {
    public NewSessionSpec(String name, List<String> command, String cwd, int cols, int rows, Map<String, String> env) {
        this(name, command, cwd, cols, rows, env, null);
    }
}
