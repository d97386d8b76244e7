package scarab.daemon.keys;

import java.nio.charset.StandardCharsets;

/**
 * The line editor of a status-line prompt, with tmux's emacs keys (status.c's
 * {@code status_prompt_key}): characters are inserted at the cursor; Backspace (and C-h) deletes
 * before it, Delete and C-d under it; Left/Right and C-b/C-f move, Home/End and C-a/C-e jump; C-u
 * clears the line, C-k the rest of it, C-w the word before the cursor; Enter accepts; Escape, C-c
 * and C-g cancel. Keys are the bytes a terminal sends (ISO-8859-1 text, one key at a time, as
 * {@link KeyReader} cuts them); unknown keys are ignored. One thread at a time.
 */
public final class PromptEditor {
    /** What a key did. */
    public enum Outcome {
        EDITING, DONE, CANCELLED
    }

    private final StringBuilder text;
    /** The cursor, as an index into {@link #text} (never inside a surrogate pair). */
    private int cursor;

    public PromptEditor(String initial) {
        text = new StringBuilder(initial);
        cursor = text.length();
    }

    public String text() {
        return text.toString();
    }

    /** The cursor's column in the text, counted in characters (code points). */
    public int cursorIndex() {
        return text.codePointCount(0, cursor);
    }

    public Outcome key(String key) {
        switch (key) {
            case "\r", "\n" -> {
                return Outcome.DONE;
            }
            case "\033", "\003", "\007" -> {
                return Outcome.CANCELLED;
            }
            case "\177", "\b" -> {
                if (cursor > 0) {
                    int from = text.offsetByCodePoints(cursor, -1);
                    text.delete(from, cursor);
                    cursor = from;
                }
            }
            case "\004", "\033[3~" -> {
                if (cursor < text.length()) {
                    text.delete(cursor, text.offsetByCodePoints(cursor, 1));
                }
            }
            case "\002", "\033[D", "\033OD" -> {
                if (cursor > 0) {
                    cursor = text.offsetByCodePoints(cursor, -1);
                }
            }
            case "\006", "\033[C", "\033OC" -> {
                if (cursor < text.length()) {
                    cursor = text.offsetByCodePoints(cursor, 1);
                }
            }
            case "\001", "\033[H", "\033OH", "\033[1~", "\033[7~" -> cursor = 0;
            case "\005", "\033[F", "\033OF", "\033[4~", "\033[8~" -> cursor = text.length();
            case "\025" -> {
                text.setLength(0);
                cursor = 0;
            }
            case "\013" -> text.setLength(cursor);
            case "\027" -> deleteWordBefore();
            default -> insert(key);
        }
        return Outcome.EDITING;
    }

    /** C-w: the blanks before the cursor and the word before them, as tmux's emacs mode does. */
    private void deleteWordBefore() {
        int from = cursor;
        while (from > 0 && text.charAt(from - 1) == ' ') {
            from--;
        }
        while (from > 0 && text.charAt(from - 1) != ' ') {
            from--;
        }
        text.delete(from, cursor);
        cursor = from;
    }

    /** A printable character (its UTF-8 bytes); control keys and escape sequences are ignored. */
    private void insert(String key) {
        if (key.isEmpty() || key.charAt(0) < 0x20 || key.charAt(0) == 0x7f) {
            return;
        }
        String s = new String(key.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        if (s.codePoints().anyMatch(c -> c < 0x20 || c == 0x7f || c == 0xfffd || (c >= 0x80 && c < 0xa0))) {
            return;
        }
        text.insert(cursor, s);
        cursor += s.length();
    }
}
