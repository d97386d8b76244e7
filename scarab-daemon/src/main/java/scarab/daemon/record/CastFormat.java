package scarab.daemon.record;

import java.util.Locale;

/** The asciicast versions a recording can be written in. */
public enum CastFormat {
    /** Times are seconds since the header's timestamp; no exit event. */
    V2(2),
    /** Times are intervals since the event before; a {@code term} object; an {@code "x"} exit event. */
    V3(3);

    private final int version;

    CastFormat(int version) {
        this.version = version;
    }

    public int version() {
        return version;
    }

    /** {@code v2}, {@code 2}, {@code v3}, {@code 3} (null: version 2, asciinema's common one). */
    public static CastFormat parse(String word) {
        if (word == null || word.isEmpty()) {
            return V2;
        }
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "v2", "2" -> V2;
            case "v3", "3" -> V3;
            default -> throw new IllegalArgumentException("unknown asciicast format \"" + word + "\" (v2 or v3)");
        };
    }

    public static CastFormat of(int version) {
        return version == 3 ? V3 : V2;
    }
}
