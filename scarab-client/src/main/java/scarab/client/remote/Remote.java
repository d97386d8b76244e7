package scarab.client.remote;

import java.util.List;
import java.util.Map;
import scarab.client.ClientError;
import scarab.protocol.CommandSplitter;

/**
 * A daemon on another machine, and how to reach it: {@code ssh HOST scarab proxy}.
 *
 * @param host          as ssh takes it ({@code build01}, {@code me@build01}, an alias of ~/.ssh/config)
 * @param ssh           the ssh command and its options ({@code --ssh}, else SCARAB_SSH, else {@code ssh})
 * @param remoteCommand scarab on the remote machine (SCARAB_REMOTE_COMMAND, else {@code scarab})
 */
public record Remote(String host, List<String> ssh, String remoteCommand) {

    /**
     * @param sshOption {@code --ssh}, or null
     * @throws ClientError for an empty host or ssh command
     */
    public static Remote of(String host, String sshOption, Map<String, String> env) {
        if (host == null || host.isBlank() || host.startsWith("-")) {
            throw new ClientError("bad host \"" + host + "\": name a machine as ssh takes it (build01, me@build01)",
                    2, "bad-argument");
        }
        String spec = sshOption != null ? sshOption : env.get("SCARAB_SSH");
        List<String> ssh = spec == null || spec.isBlank() ? List.of("ssh") : CommandSplitter.split(spec);
        if (ssh.isEmpty()) {
            throw new ClientError("the ssh command \"" + spec + "\" is empty", 2, "bad-argument");
        }
        String remote = env.getOrDefault("SCARAB_REMOTE_COMMAND", "scarab");
        return new Remote(host, ssh, remote.isBlank() ? "scarab" : remote);
    }
}
