package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code scarab send-keys} against {@code tmux send-keys}, byte for byte: the same key names are
 * sent to a program that copies its raw input to a file ({@code stty raw; cat > FILE}) in a tmux
 * pane and in a scarab session, with every modifier combination on every key name tmux 3.3a knows,
 * every ASCII character, some non-ASCII ones and the odd forms ({@code ^x}, {@code 0x41},
 * {@code User0}, unknown names that are typed as text), in normal and in application
 * cursor/keypad mode. A separator after each name splits the two byte streams for the report.
 */
class KeysLikeTmuxIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Sent after every name; none of the names below contains it or sends it. */
    private static final String SEPARATOR = "§";
    private Scarab scarab;
    private Tmux tmux;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        tmux = new Tmux(scarab.root);
    }

    @AfterEach
    void stop() throws Exception {
        tmux.close();
        scarab.close();
    }

    @Test
    void everyKeyNameSendsWhatTmuxSends() throws Exception {
        compare("normal");
    }

    @Test
    void everyKeyNameSendsWhatTmuxSendsInApplicationCursorAndKeypadMode() throws Exception {
        compare("application");
    }

    static List<String> names() {
        List<String> bases = new ArrayList<>();
        for (int i = 1; i <= 13; i++) {
            bases.add("F" + i);
        }
        bases.addAll(List.of("F20", "IC", "Insert", "DC", "Delete", "Home", "End", "NPage", "PageDown", "PgDn",
                "PPage", "PageUp", "PgUp", "Tab", "BTab", "Space", "BSpace", "Enter", "Escape", "Esc", "Up", "Down",
                "Left", "Right", "up", "ENTER", "kp1", "KP/", "KP*", "KP-", "KP+", "KP.", "KPEnter", "User0", "é", "日",
                "😀"));
        for (int i = 0; i <= 9; i++) {
            bases.add("KP" + i);
        }
        for (char c = 33; c < 127; c++) {
            if (c != ';') { // a lone ";" separates tmux commands on its command line
                bases.add(String.valueOf(c));
            }
        }
        List<String> names = new ArrayList<>();
        for (String prefix : List.of("", "C-", "M-", "S-", "C-M-", "C-S-", "M-S-", "C-M-S-", "^", "^M-", "M-C-",
                "c-", "m-s-", "S-S-")) {
            for (String base : bases) {
                names.add(prefix + base);
            }
        }
        names.addAll(List.of("None", "Any", "User999", "User1000", "user5", "MouseDown1", "WheelUp", "PasteStart",
                "FocusIn", "0x41", "0x1b", "0x0", "0x7f", "0xe9", "0x263a", "0x1F600", "0x80", "0xd800", "0x110000",
                "0xZZ", "0x", "0x41zz", "0x 41", "0x+41", "0x0x41", "C-", "-", "a-b", "^", "x-a", "C-x-a", "hello",
                "C-hello", "M-", "S-", "", "  ", "C-0x41", "M-None", "^^", "^C-a", "Enter Enter", "é\u0301", "F0"));
        return names;
    }

    private void compare(String mode) throws Exception {
        Path script = scarab.root.resolve("dump.sh");
        Files.writeString(script, "stty raw -echo\n"
                + "[ \"$1\" = application ] && printf '\\033[?1h\\033='\n"
                + "printf READY\n"
                + "exec cat > \"$2\"\n");
        Path tmuxBytes = scarab.root.resolve("tmux.bytes");
        Path scarabBytes = scarab.root.resolve("scarab.bytes");
        tmux.start(80, 24, "sh " + script + " " + mode + " " + tmuxBytes);
        scarab.ok("new", "-d", "--size", "80x24", "-c", "sh " + script + " " + mode + " " + scarabBytes, "keys");
        // READY is printed after the mode changes: once it shows, both emulators are in the mode
        tmux.awaitText(null, "READY");
        Scarab.waitFor("READY in the scarab session", WAIT, () -> scarab.ok("capture", "keys").contains("READY"));

        List<String> names = names();
        for (int from = 0; from < names.size(); from += 150) {
            List<String> args = new ArrayList<>();
            for (String name : names.subList(from, Math.min(names.size(), from + 150))) {
                args.add(name);
                args.add(SEPARATOR);
            }
            List<String> t = new ArrayList<>(List.of("send-keys", "-t", "main:0", "--"));
            t.addAll(args);
            tmux.tmux(t.toArray(String[]::new));
            List<String> s = new ArrayList<>(List.of("send-keys", "--", "keys"));
            s.addAll(args);
            scarab.ok(s.toArray(String[]::new));
        }
        List<byte[]> fromTmux = awaitKeys(tmuxBytes, names.size());
        List<byte[]> fromScarab = awaitKeys(scarabBytes, names.size());

        List<String> differences = new ArrayList<>();
        HexFormat hex = HexFormat.ofDelimiter(" ");
        for (int i = 0; i < names.size(); i++) {
            String t = hex.formatHex(fromTmux.get(i));
            String s = hex.formatHex(fromScarab.get(i));
            if (!t.equals(s)) {
                differences.add("\"" + names.get(i) + "\": tmux [" + t + "], scarab [" + s + "]");
            }
        }
        assertTrue(differences.isEmpty(), differences.size() + " of " + names.size() + " key names differ in "
                + mode + " mode:\n" + String.join("\n", differences));
        assertTrue(new String(Files.readAllBytes(scarabBytes), StandardCharsets.UTF_8).contains("\033[1;2A"),
                "S-Up arrived as tmux sends it");
    }

    /** Waits for every separator to arrive, then splits the bytes into one piece per name. */
    private static List<byte[]> awaitKeys(Path file, int count) {
        byte[] separator = SEPARATOR.getBytes(StandardCharsets.UTF_8);
        List<byte[]> pieces = new ArrayList<>();
        Scarab.waitFor(count + " keys in " + file.getFileName(), WAIT, () -> {
            pieces.clear();
            byte[] all;
            try {
                all = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            int start = 0;
            for (int i = 0; i + separator.length <= all.length; i++) {
                if (java.util.Arrays.equals(all, i, i + separator.length, separator, 0, separator.length)) {
                    pieces.add(java.util.Arrays.copyOfRange(all, start, i));
                    i += separator.length - 1;
                    start = i + 1;
                }
            }
            return pieces.size() >= count;
        });
        return pieces;
    }
}
