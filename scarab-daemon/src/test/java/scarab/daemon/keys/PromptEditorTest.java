package scarab.daemon.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The prompt's line editor, key by key, with tmux's emacs keys. */
class PromptEditorTest {
    private static String type(PromptEditor e, String... keys) {
        for (String k : keys) {
            assertEquals(PromptEditor.Outcome.EDITING, e.key(k), k);
        }
        return e.text();
    }

    /** A key as the terminal sends it: a character's UTF-8 bytes, as ISO-8859-1 text. */
    private static String utf8(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void insertsAtTheCursorAndMoves() {
        PromptEditor e = new PromptEditor("sh");
        assertEquals(2, e.cursorIndex());
        assertEquals("shxyz", type(e, "x", "y", "z"));
        assertEquals("shxyz", type(e, "\033[D", "\033OD"));
        assertEquals(3, e.cursorIndex());
        assertEquals("shyz", type(e, "\177"));
        assertEquals("Ashyz", type(e, "\001", "A"));
        assertEquals("Ashyz!", type(e, "\005", "!"));
        assertEquals("Ashyz!", type(e, "\033[H", "\033[C"));
        assertEquals(1, e.cursorIndex());
        assertEquals("A", type(e, "\013"));
    }

    @Test
    void deletesLinesWordsAndCharacters() {
        PromptEditor e = new PromptEditor("split-window -h");
        assertEquals("split-window ", type(e, "\027"));
        assertEquals("", type(e, "\027"));
        assertEquals("abc", type(e, "a", "b", "c"));
        assertEquals("bc", type(e, "\001", "\004"));
        assertEquals("b", type(e, "\006", "\033[3~"));
        assertEquals("", type(e, "\025"));
        assertEquals(0, e.cursorIndex());
        assertEquals("", type(e, "\177", "\033[D", "\004"), "nothing to delete or move over");
    }

    @Test
    void wideAndAccentedCharactersAreOneStepEach() {
        PromptEditor e = new PromptEditor("");
        assertEquals("é日😀", type(e, utf8("é"), utf8("日"), utf8("😀")));
        assertEquals(3, e.cursorIndex());
        assertEquals("é日", type(e, "\b"));
        assertEquals("日", type(e, "\033[D", "\033[D", "\004"));
    }

    @Test
    void controlKeysAndUnknownSequencesInsertNothing() {
        PromptEditor e = new PromptEditor("x");
        assertEquals("x", type(e, "\t", "\033[15~", "\033x", "\000", utf8("\u0085")));
    }

    @Test
    void enterAcceptsAndEscapeCtrlCCtrlGCancel() {
        assertEquals(PromptEditor.Outcome.DONE, new PromptEditor("a").key("\r"));
        assertEquals(PromptEditor.Outcome.DONE, new PromptEditor("a").key("\n"));
        for (String cancel : new String[] {"\033", "\003", "\007"}) {
            assertEquals(PromptEditor.Outcome.CANCELLED, new PromptEditor("a").key(cancel));
        }
    }
}
