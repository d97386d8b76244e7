package scarab.protocol;

/** A control frame that could not be understood; the stream itself is still in sync. */
public final class MessageException extends Exception {
    private final String code;

    public MessageException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
