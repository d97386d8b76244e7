package scarab.daemon.session;

import java.util.List;
import java.util.Map;

/** A validated request for a new session. {@code command} null means the default shell. */
public record NewSessionSpec(String name, List<String> command, String cwd, int cols, int rows,
                             Map<String, String> env) {}
