package scarab.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The line {@code scarab proxy} writes before the framed protocol: {@code NUL "scarab-proxy "
 * PROTOCOL " " VERSION LF}. A remote shell may print anything before it (a chatty {@code .bashrc},
 * a message of the day): the client skips every byte up to the marker, so the frames start
 * exactly after the line. The NUL keeps the marker apart from text a person would print.
 */
public final class ProxyGreeting {
    static final byte[] MARKER = "\0scarab-proxy ".getBytes(StandardCharsets.US_ASCII);
    /** How much may come before the marker: a login banner, not an endless stream. */
    public static final int MAX_JUNK = 1 << 20;
    private static final int MAX_LINE = 200;

    /** What came after the marker: the proxy's protocol version and Scarab version. */
    public record Seen(int protocol, String version, int skipped) {}

    private ProxyGreeting() {}

    public static byte[] line(String version) {
        return ("\0scarab-proxy " + Protocol.VERSION + " " + version + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads up to and including the greeting line; the stream is left at the first frame (read
     * it unbuffered or through the same buffer).
     *
     * @return the greeting, or null when the stream ended before one (the remote command failed)
     * @throws ProtocolException past {@link #MAX_JUNK} bytes without a marker, or a garbled line
     */
    public static Seen read(InputStream in) throws IOException {
        int matched = 0;
        int skipped = 0;
        while (matched < MARKER.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == (MARKER[matched] & 0xff)) {
                matched++;
            } else {
                skipped += matched + 1;
                matched = b == MARKER[0] ? 1 : 0;
                if (matched == 1) {
                    skipped--;
                }
                if (skipped > MAX_JUNK) {
                    throw new ProtocolException("no scarab proxy greeting in the first " + MAX_JUNK
                            + " bytes of the remote command's output");
                }
            }
        }
        StringBuilder rest = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                break;
            }
            if (rest.length() > MAX_LINE) {
                throw new ProtocolException("garbled scarab proxy greeting");
            }
            rest.append((char) b);
        }
        String[] words = rest.toString().split(" ", 2);
        try {
            return new Seen(Integer.parseInt(words[0]), words.length > 1 ? words[1] : "?", skipped);
        } catch (NumberFormatException e) {
            throw new ProtocolException("garbled scarab proxy greeting: " + rest);
        }
    }
}
