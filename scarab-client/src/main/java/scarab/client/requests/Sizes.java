package scarab.client.requests;

/** Parses terminal sizes written {@code COLSxROWS}. */
final class Sizes {
    private Sizes() {}

    static int[] parse(String text) {
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("size must be COLSxROWS, like 120x40, not \"" + text + "\"");
        }
        try {
            int cols = Integer.parseInt(parts[0]);
            int rows = Integer.parseInt(parts[1]);
            if (cols < 1 || rows < 1) {
                throw new IllegalArgumentException("size " + text + " is too small: columns and rows must be at least 1");
            }
            return new int[] {cols, rows};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size must be COLSxROWS, like 120x40, not \"" + text + "\"");
        }
    }
}
