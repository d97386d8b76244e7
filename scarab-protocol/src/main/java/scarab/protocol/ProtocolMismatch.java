package scarab.protocol;

/**
 * What a client and a daemon of different protocol versions can still say to each other, and how
 * the refusal of everything else reads. A user upgrades by installing the new jars and then running
 * the new client's {@code scarab daemon upgrade} against the daemon still running the old ones: that
 * command must work across versions, so a small core never changes incompatibly (the frames, hello,
 * welcome, error, {@code daemon-status} and its answer, {@code daemon-upgrade}, {@code daemon-stop}).
 * A client that can keep to that core says {@link #CAPABILITY} in its hello; a daemon of another
 * version then welcomes it (with its own protocol version) and serves only the core.
 */
public final class ProtocolMismatch {
    /** Said in a hello: "if our versions differ, welcome me anyway; I will send only the core". */
    public static final String CAPABILITY = "other-protocol";
    public static final String CODE = "version-mismatch";

    private ProtocolMismatch() {}

    /** Whether a request belongs to the core every protocol version answers. */
    public static boolean inCore(Request request) {
        return request instanceof Request.Hello || request instanceof Request.DaemonStatus
                || request instanceof Request.DaemonUpgrade || request instanceof Request.DaemonStop;
    }

    /**
     * The refusal a user reads, the same from either end: which side is older, and what to run. A
     * newer client is the usual case (new jars installed, the daemon still running the old ones):
     * {@code scarab daemon upgrade} moves the daemon to the installed version in place, keeping
     * every session's processes. An older client (run from an old copy) should not drive a newer
     * daemon: the newer {@code scarab} is the one to use.
     */
    public static String message(int daemonProtocol, String daemonVersion, int clientProtocol, String clientVersion) {
        String daemon = "the daemon runs Scarab " + daemonVersion + " (protocol " + daemonProtocol + ")";
        String client = "this client (Scarab " + clientVersion + ", protocol " + clientProtocol + ")";
        if (clientProtocol > daemonProtocol) {
            return daemon + ", older than " + client + "; move the daemon to the installed version in place,"
                    + " keeping every session and its processes: scarab daemon upgrade";
        }
        return daemon + ", newer than " + client + "; use the scarab installed with the daemon, or install this"
                + " version and move the daemon to it in place (keeping every session and its processes):"
                + " scarab daemon upgrade";
    }
}
