package scarab.client.attach;

/** How an attach ended, and what the user is told about it. */
public record AttachOutcome(String message, int exitStatus) {
    /** Not an end: the daemon re-executes itself, and the client attaches to the new program. */
    static final AttachOutcome UPGRADING = new AttachOutcome(null, 0);

    /** Not an end: the connection to a remote daemon was lost, and the client connects again. */
    static final AttachOutcome RECONNECTING = new AttachOutcome(null, 0);

    static AttachOutcome detached(String session) {
        return new AttachOutcome("[detached (from session " + session + ")]", 0);
    }

    /** The session was killed ({@code kill -f}) while attached: not a detach, so not a success. */
    static AttachOutcome killed(String session) {
        return new AttachOutcome("[killed: " + session + "]", 1);
    }

    static AttachOutcome exited(String session, int status) {
        return new AttachOutcome("[exited: " + session + ", status " + status + "]", 0);
    }

    static AttachOutcome lostServer() {
        return new AttachOutcome("[lost server]", 1);
    }
}
