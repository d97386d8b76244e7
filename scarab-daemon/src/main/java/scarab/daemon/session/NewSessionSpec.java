package scarab.daemon.session;

import java.util.List;
import java.util.Map;
import scarab.daemon.resources.Limits;

/**
 * A validated request for a new session. {@code command} null means the default shell;
 * {@code group} null no group; {@code limits} what each pane may use ({@link Limits#NONE}).
 * {@code beforeReader}, if given, is told the new pane before its output is read (a recording
 * that must have every byte of it).
 */
public record NewSessionSpec(String name, List<String> command, String cwd, int cols, int rows,
                             Map<String, String> env, String group, Limits limits,
                             java.util.function.Consumer<Pane> beforeReader) {
    public NewSessionSpec {
        limits = limits == null ? Limits.NONE : limits;
    }

    public NewSessionSpec(String name, List<String> command, String cwd, int cols, int rows, Map<String, String> env) {
        this(name, command, cwd, cols, rows, env, null, Limits.NONE, null);
    }
}
