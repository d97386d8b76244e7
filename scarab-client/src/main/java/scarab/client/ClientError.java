package scarab.client;

/** Something the user must be told in one line; the command exits with {@link #exitCode()}. */
public final class ClientError extends RuntimeException {
    private final int exitCode;
    private final String code;

    public ClientError(String message) {
        this(message, 1, "error");
    }

    public ClientError(String message, int exitCode, String code) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.code = code;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The daemon's error code when the error came from it. */
    public String code() {
        return code;
    }
}
