package scarab.client;

/**
 * How a command's failure reaches the user, the same on the picocli path and the fast path:
 * one line on stderr; status 1 for failures, 2 for usage mistakes (picocli's convention and tmux's).
 */
public final class Failures {
    private Failures() {}

    /** Reports {@code ex} on the context's stderr and returns the exit status. */
    public static int report(ClientContext ctx, Exception ex) {
        if (ex instanceof ClientError e) {
            ctx.err().println("scarab: " + e.getMessage());
            return e.exitCode();
        }
        if (ex instanceof IllegalArgumentException e) {
            ctx.err().println("scarab: " + e.getMessage());
            return 2;
        }
        ctx.err().println("scarab: unexpected error: " + ex);
        ex.printStackTrace(ctx.err());
        return 1;
    }
}
