package scarab.daemon;

/**
 * A request that cannot be done, reported to the user as one line. {@code code} is a stable
 * word for scripts ({@code not-found}, {@code name-taken}, ...); the message says what to do next.
 */
public final class UserError extends RuntimeException {
    private final String code;

    public UserError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
