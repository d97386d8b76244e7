package scarab.daemon.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import scarab.protocol.DetachKeys;
import scarab.protocol.keys.KeyBindings;
import scarab.protocol.keys.KeyEncoder;
import scarab.protocol.keys.NamedKey;

/**
 * A key name encoded as tmux sends it ({@link KeyBindings#keyBytes}, {@link KeyEncoder}) and cut
 * by {@link KeyReader} comes back as the same name: every key of copy mode's tables among them.
 */
class KeyNamesTest {
    /** The bytes of a name, cut into keys as KeyReader cuts them while keys are wanted. */
    private static List<String> read(byte[] bytes) {
        List<String> keys = new ArrayList<>();
        new KeyReader(DetachKeys.parse("ctrl-b,d")).read(bytes, bytes.length, new KeyReader.Handler() {
            @Override
            public boolean keysWanted() {
                return true;
            }

            @Override
            public void forward(byte[] b) {
                throw new AssertionError("forwarded " + new String(b, StandardCharsets.ISO_8859_1));
            }

            @Override
            public void prefixKey(String key) {
                throw new AssertionError("prefix key");
            }

            @Override
            public boolean key(String key) {
                keys.add(key);
                return true;
            }

            @Override
            public void detach() {
                throw new AssertionError("detach");
            }
        });
        return keys;
    }

    private static void roundTrip(String name) {
        byte[] bytes = KeyBindings.keyBytes(name).getBytes(StandardCharsets.ISO_8859_1);
        List<String> keys = read(bytes);
        assertEquals(1, keys.size(), name + " is one key: " + keys);
        assertEquals(name, KeyNames.of(keys.get(0)), name);
    }

    @Test
    void copyModeKeysComeBackAsTheirNames() {
        for (String name : List.of("a", "Z", "0", "9", "/", "?", "#", "$", "%", ",", ";", "{", "}", "^", "C-a", "C-e",
                "C-j", "C-h", "C-v", "C-w", "C-Space", "Space", "Enter", "Escape", "BSpace", "Tab", "M-w", "M-v",
                "M-<", "M->", "M-{", "M-1", "M-9", "M-x", "M-R", "M-C-b", "M-C-f", "Up", "Down", "Left", "Right",
                "C-Up", "C-Down", "M-Up", "M-Down", "S-Left", "C-M-Right", "Home", "End", "NPage", "PPage", "IC",
                "DC", "F1", "F5", "F12", "C-F5", "BTab", "C-\\", "C-]", "C-_")) {
            roundTrip(name);
        }
    }

    @Test
    void everyNamedKeyWithEveryModifierItHasComesBack() {
        String[] modifiers = {"", "S-", "M-", "C-", "C-M-", "C-S-", "M-S-", "C-M-S-"};
        for (NamedKey k : NamedKey.values()) {
            if (k.names().isEmpty() || k.name().startsWith("KP_") || k == NamedKey.BSPACE) {
                continue;
            }
            for (String mod : modifiers) {
                byte[] b = KeyEncoder.key(mod + k.names().get(0), false);
                if (b == null || b.length < 2 || b[0] == 0x1b && b[1] == 0x1b) {
                    continue; // no bytes of its own for this modifier (Meta then the plain key: two keys here)
                }
                roundTrip(mod + k.names().get(0));
            }
        }
    }

    @Test
    void otherFormsAndCharacters() {
        assertEquals("Up", KeyNames.of("\033OA"), "application cursor mode");
        assertEquals("Home", KeyNames.of("\033[H"));
        assertEquals("End", KeyNames.of("\033OF"));
        assertEquals("é", KeyNames.of(new String("é".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)));
        assertEquals("C-j", KeyNames.of("\n"));
        assertEquals("M-Escape", KeyNames.of("\033\033"));
        assertNull(KeyNames.of("\033[99z"), "an unknown sequence");
        assertNull(KeyNames.of(""));
    }
}
