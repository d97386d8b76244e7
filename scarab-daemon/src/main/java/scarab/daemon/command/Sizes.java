package scarab.daemon.command;

import scarab.daemon.UserError;

/** Sizes as tmux's commands take them: cells ({@code 20}) or a percentage ({@code 30%}). */
final class Sizes {
    private Sizes() {}

    static boolean percent(String text) {
        return text.endsWith("%");
    }

    /** The number, without its {@code %}; tmux's wording for a bad one. */
    static int parse(String text, String what) {
        String digits = percent(text) ? text.substring(0, text.length() - 1) : text;
        try {
            int n = Integer.parseInt(digits);
            if (n < 0 || (percent(text) && n > 100)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UserError("bad-size", what + " " + (percent(text) ? "percentage " : "") + "invalid: " + text);
        }
    }

    /** Cells, or a percentage of {@code whole}. */
    static int cells(String text, int whole, String what) {
        int n = parse(text, what);
        return percent(text) ? whole * n / 100 : n;
    }
}
