package scarab.client;

/**
 * The global options before the command word ({@code -S SOCKET}, {@code --socket=SOCKET},
 * {@code --no-start}, {@code -H HOST}, {@code --ssh CMD}), read the way the fast paths read them: each at most once, a value never
 * empty nor starting with {@code -}; anything else ends them. picocli reads the full grammar.
 *
 * @param socket  the socket given, or null
 * @param command where the command word is in the arguments ({@code args.length}: none)
 * @param host    the remote host given ({@code -H}), or null
 * @param ssh     the ssh command given ({@code --ssh}), or null
 */
public record LeadingOptions(String socket, boolean noStart, int command, String host, String ssh) {

    /** The daemon these options name: this machine's on the socket, or {@code host}'s over ssh. */
    public scarab.client.daemon.DaemonStarter starter(ClientContext ctx) {
        scarab.client.daemon.DaemonStarter s = new scarab.client.daemon.DaemonStarter(ctx, ctx.paths().socket(socket),
                socket != null).ssh(ssh);
        return host == null ? s : s.remote(scarab.client.remote.Remote.of(host, ssh, ctx.env()));
    }

    public static LeadingOptions scan(String[] args) {
        String socket = null;
        boolean noStart = false;
        String host = null;
        String ssh = null;
        int i = 0;
        for (; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("-S") || a.equals("--socket")) && socket == null && i + 1 < args.length
                    && !args[i + 1].isEmpty() && !args[i + 1].startsWith("-")) {
                socket = args[++i];
            } else if (a.startsWith("--socket=") && socket == null && a.length() > "--socket=".length()) {
                socket = a.substring("--socket=".length());
            } else if ((a.equals("-H") || a.equals("--host")) && host == null && i + 1 < args.length
                    && !args[i + 1].isEmpty() && !args[i + 1].startsWith("-")) {
                host = args[++i];
            } else if (a.equals("--ssh") && ssh == null && i + 1 < args.length && !args[i + 1].isEmpty()) {
                ssh = args[++i];
            } else if (a.equals("--no-start") && !noStart) {
                noStart = true;
            } else {
                break;
            }
        }
        return new LeadingOptions(socket, noStart, i, host, ssh);
    }
}
