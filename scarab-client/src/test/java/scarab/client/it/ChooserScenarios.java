package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.Json;

/**
 * The chooser (choose-tree, {@code C-b s}) and the key list ({@code C-b ?}) used as a person uses
 * them: the real client in a pane of a private tmux, keys typed with send-keys, the picture read
 * with capture-pane. Filtering by typing lists only the matches with the selected one's screen in
 * the preview (kept live), Enter switches (the picture becomes the target's {@code capture -e}),
 * x y kills, r renames, n creates. Run served directly ({@link ChooserIT}) and relayed
 * ({@link ChooserRelayIT}).
 */
abstract class ChooserScenarios {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> NAMES = List.of("alpha", "beta", "gamma", "delta");
    private Scarab scarab;
    private Tmux tmux;

    abstract boolean direct();

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        tmux = new Tmux(scarab.root);
        tmux.start(100, 30, "env -i " + envLine() + " PS1='outer$ ' /bin/sh");
        tmux.awaitText(null, "outer$");
        for (String name : NAMES) {
            scarab.ok("new", "-d", "-e", "PS1=" + name + "$ ", "-c", "/bin/sh", name);
            scarab.ok("send-keys", name, "clear; printf '\\033[32m" + name + "-screen\\033[0m %s\\n' $((6*7))", "Enter");
            Scarab.waitFor(name + "'s screen", WAIT, () -> scarab.ok("capture", name).contains(name + "-screen 42"));
        }
        tmux.type(null, "clear; exec env " + envLine() + " " + scarab.clientCommand() + " attach alpha", "Enter");
        tmux.awaitText(null, "alpha$");
        awaitShows("alpha");
    }

    @AfterEach
    void stop() throws Exception {
        tmux.close();
        scarab.close();
    }

    private String envLine() {
        return scarab.envLine(direct(), Map.of());
    }

    private void awaitShows(String session) {
        String[] last = new String[2];
        try {
            Scarab.waitFor("the client to show " + session, WAIT, () -> {
                last[0] = tmux.screenWithEscapes(null);
                last[1] = scarab.ok("capture", "-e", session);
                return last[0].equals(last[1]);
            });
        } catch (AssertionError e) {
            assertEquals(last[1], last[0], "the client's picture against capture -e " + session);
        }
    }

    private String awaitScreen(String what, java.util.function.Predicate<String> condition) {
        return tmux.await(null, what, WAIT, condition);
    }

    /** The session names the chooser lists, top to bottom. */
    private static List<String> listed(String screen) {
        return screen.lines().filter(l -> l.matches("\\(\\d\\) [+-] \\S+: \\d+ windows.*"))
                .map(l -> l.replaceAll("^\\(\\d\\) [+-] (\\S+):.*$", "$1")).toList();
    }

    private String clientSession() throws Exception {
        JsonNode all = Json.mapper().readTree(scarab.ok("list-clients", "--json"));
        assertEquals(1, all.size(), all.toString());
        return all.get(0).get("session").asText();
    }

    @Test
    void filterPreviewAndEnterSwitches() throws Exception {
        tmux.type(null, "C-b", "s");
        String screen = awaitScreen("the chooser", s -> listed(s).size() == 4);
        // By last use: alpha was attached last; the others newest first. The current one is selected
        // and previewed in the box under the list.
        assertEquals(List.of("alpha", "delta", "gamma", "beta"), listed(screen));
        assertTrue(screen.contains("(0) + alpha: 1 windows (attached)"), screen);
        assertTrue(screen.contains("┌ alpha (sort: time) ─"), screen);
        assertTrue(screen.lines().anyMatch(l -> l.startsWith("│alpha-screen 42")), screen);
        // The selected line in tmux's mode-style, black on yellow, as tmux's capture shows it.
        String colours = tmux.screenWithEscapes(null);
        assertTrue(colours.contains("\033[30m\033[43m(0) + alpha: 1 windows (attached)"), colours);

        // Plain letters start the filter: only the matches are listed, the best one previewed.
        tmux.type(null, "g");
        awaitScreen("the filter prompt", s -> s.contains("(filter) g"));
        tmux.type(null, "a", "m");
        screen = awaitScreen("gamma alone", s -> listed(s).equals(List.of("gamma")) && s.contains("(filter) gam"));
        assertTrue(screen.lines().anyMatch(l -> l.startsWith("│gamma-screen 42")), screen);
        assertTrue(screen.contains("┌ gamma (sort: time) ─"), screen);

        // The preview is live: output in gamma shows in it.
        scarab.ok("send-keys", "gamma", "echo live-$((3*4))", "Enter");
        awaitScreen("gamma's new output in the preview", s -> s.lines().anyMatch(l -> l.startsWith("│live-12")));

        // A fuzzy pattern matches a subsequence; Backspace widens again.
        tmux.type(null, "BSpace", "BSpace", "BSpace", "e", "a");
        // "e" alone lists the same two (by last use): the prompt shows when "a" has been read too
        screen = awaitScreen("the sessions with an e then an a", s -> listed(s).size() == 2 && s.contains("(filter) ea"));
        // beta's e and a are closer together than delta's: it ranks first
        assertEquals(List.of("beta", "delta"), listed(screen));

        tmux.type(null, "BSpace", "BSpace", "g", "m", "a");
        awaitScreen("gamma again", s -> listed(s).equals(List.of("gamma")));
        tmux.type(null, "Enter");
        awaitShows("gamma");
        assertEquals("gamma", clientSession());
        tmux.type(null, "echo typed-$((2*21))", "Enter");
        Scarab.waitFor("keys in gamma", WAIT, () -> scarab.ok("capture", "gamma").contains("typed-42"));
    }

    @Test
    void killRenameAndNewSession() throws Exception {
        tmux.type(null, "C-b", "s");
        awaitScreen("the chooser", s -> listed(s).size() == 4);
        // Select beta through the filter; Escape drops the filter and keeps beta selected.
        tmux.type(null, "/");
        awaitScreen("the filter prompt", s -> s.contains("(filter)"));
        tmux.type(null, "b", "e", "t");
        awaitScreen("beta alone", s -> listed(s).equals(List.of("beta")));
        tmux.type(null, "Escape");
        String screen = awaitScreen("all again", s -> listed(s).size() == 4 && !s.contains("(filter)"));
        assertTrue(screen.contains("┌ beta (sort: time) ─"), screen);

        tmux.type(null, "x");
        awaitScreen("the question", s -> s.contains("Kill session beta? (y/n)"));
        tmux.type(null, "y");
        awaitScreen("beta gone from the list", s -> listed(s).equals(List.of("alpha", "delta", "gamma")));
        Scarab.waitFor("beta killed", WAIT, () -> {
            try {
                return !scarab.sessionsByName().containsKey("beta");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        // x then anything but y keeps it.
        tmux.type(null, "/");
        awaitScreen("the filter prompt", s -> s.contains("(filter)"));
        tmux.type(null, "d", "e", "l", "Escape");
        awaitScreen("delta selected", s -> s.contains("┌ delta (sort: time) ─") && !s.contains("(filter)"));
        tmux.type(null, "x");
        awaitScreen("the question", s -> s.contains("Kill session delta? (y/n)"));
        tmux.type(null, "n");
        awaitScreen("the question gone", s -> !s.contains("Kill session"));
        assertTrue(scarab.sessionsByName().containsKey("delta"));

        tmux.type(null, "r");
        awaitScreen("the rename prompt", s -> s.contains("(rename) delta"));
        tmux.type(null, "C-u", "omega", "Enter");
        awaitScreen("omega listed", s -> listed(s).contains("omega") && !listed(s).contains("delta"));
        Scarab.waitFor("renamed", WAIT, () -> {
            try {
                return scarab.sessionsByName().containsKey("omega");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        tmux.type(null, "n");
        awaitScreen("the new session prompt", s -> s.contains("(new session)"));
        tmux.type(null, "fresh", "Enter");
        screen = awaitScreen("fresh listed and selected", s -> listed(s).contains("fresh")
                && s.contains("┌ fresh (sort: time) ─"));
        assertTrue(scarab.sessionsByName().containsKey("fresh"));
        assertEquals("alpha", clientSession(), "making a session does not switch to it");

        tmux.type(null, "q");
        awaitShows("alpha");
        assertFalse(tmux.screen(null).contains("(sort: time)"));
    }

    @Test
    void chooseTreeFromTheShellAndWindowsWithCbW() throws Exception {
        scarab.ok("new-window", "-d", "-t", "gamma", "-c", "/bin/sh");
        // From a shell inside the session: the client showing it opens the chooser (-w: windows listed).
        tmux.type(null, "clear; env " + envLine() + " " + scarab.clientCommand() + " choose-tree -w", "Enter");
        String screen = awaitScreen("the tree with windows", s -> s.contains("- gamma: 2 windows"));
        assertTrue(screen.contains("├─> 0: sh"), screen);
        assertTrue(screen.lines().anyMatch(l -> l.matches("\\(\\d\\) └─> 1: sh.*")), screen);
        tmux.type(null, "Escape");
        awaitScreen("the chooser gone", s -> !s.contains("gamma: 2 windows"));

        // C-b w: Enter on gamma's window 1 shows that window.
        tmux.type(null, "C-b", "w");
        awaitScreen("the tree", s -> s.contains("- gamma: 2 windows"));
        tmux.type(null, "/");
        awaitScreen("the filter prompt", s -> s.contains("(filter)"));
        tmux.type(null, "g", "a", "m");
        awaitScreen("gamma alone", s -> listed(s).equals(List.of("gamma")));
        tmux.type(null, "Escape");
        awaitScreen("the filter gone", s -> !s.contains("(filter)"));
        tmux.type(null, "Down", "Down");
        awaitScreen("gamma's window 1 selected", s -> s.contains("┌ gamma:1 (sort: time) ─"));
        tmux.type(null, "Enter");
        Scarab.waitFor("gamma's window 1 shown", WAIT, () -> {
            try {
                return clientSession().equals("gamma")
                        && scarab.ok("display", "-p", "-t", "gamma", "#{window_index}").equals("1\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // The prefix still works over the chooser: C-b d detaches.
        tmux.type(null, "C-b", "s");
        awaitScreen("the chooser", s -> listed(s).size() == 4);
        tmux.type(null, "C-b", "d");
        // (the client was exec'd by the outer shell: its pane closes with it)
        Scarab.waitFor("the client detached", WAIT, () -> scarab.ok("list-clients").isEmpty());
        assertEquals(0, scarab.sessionsByName().get("gamma").get("clients").asInt());
    }

    @Test
    void groupsAreALevelAboveTheirSessions() throws Exception {
        for (String[] s : new String[][] {{"front", "web"}, {"back", "web"}, {"deploy", "ops"}}) {
            scarab.ok("new", "-d", "--group", s[1], "-e", "PS1=" + s[0] + "$ ", "-c", "/bin/sh", s[0]);
            scarab.ok("send-keys", s[0], "clear; echo " + s[0] + "-screen-$((6*7))", "Enter");
            Scarab.waitFor(s[0] + "'s screen", WAIT, () -> scarab.ok("capture", s[0]).contains(s[0] + "-screen-42"));
        }
        tmux.type(null, "C-b", "s");
        // The sessions of no group as before, then each group by name, open, its sessions by last use.
        String screen = awaitScreen("the chooser with groups", s -> s.contains("web: 2 sessions"));
        assertEquals(List.of("alpha", "delta", "gamma", "beta"), listed(screen));
        assertTrue(screen.contains("(4) - ops: 1 sessions"), screen);
        assertTrue(screen.contains("(5) └─> + deploy: 1 windows"), screen);
        assertTrue(screen.contains("(6) - web: 2 sessions"), screen);
        assertTrue(screen.contains("(7) ├─> + back: 1 windows"), screen);
        assertTrue(screen.contains("(8) └─> + front: 1 windows"), screen);

        // A session's name finds it inside its group: the group stays as its parent.
        tmux.type(null, "/");
        awaitScreen("the filter prompt", s -> s.contains("(filter)"));
        tmux.type(null, "f", "r", "o");
        screen = awaitScreen("front alone in web", s -> s.contains("(filter) fro") && s.contains("└─> + front")
                && !s.contains("back:"));
        assertTrue(screen.contains("(0) - web: 2 sessions"), screen);
        assertEquals(List.of(), listed(screen));
        assertTrue(screen.contains("┌ front (sort: time) ─"), screen);
        assertTrue(screen.lines().anyMatch(l -> l.startsWith("│front-screen-42")), screen);

        // A group's name finds the group, all its sessions under it; Escape keeps it selected.
        tmux.type(null, "C-u", "o", "p", "s");
        awaitScreen("ops alone", s -> s.contains("(filter) ops") && s.contains("(0) - ops: 1 sessions")
                && !s.contains("web:"));
        tmux.type(null, "Escape");
        screen = awaitScreen("all again, ops selected", s -> !s.contains("(filter)") && s.contains("web: 2 sessions")
                && s.contains("┌ ops (sort: time) ─"));
        // The group previews its session used last.
        assertTrue(screen.lines().anyMatch(l -> l.startsWith("│deploy-screen-42")), screen);

        // Left collapses the group, Right opens it again.
        tmux.type(null, "Left");
        awaitScreen("ops collapsed", s -> s.contains("(4) + ops: 1 sessions") && !s.contains("deploy:"));
        tmux.type(null, "Right");
        awaitScreen("ops open", s -> s.contains("(4) - ops: 1 sessions") && s.contains("└─> + deploy"));

        // x on a group kills its sessions after y; the others stay.
        tmux.type(null, "x");
        awaitScreen("the question", s -> s.contains("Kill group ops (1 sessions)? (y/n)"));
        tmux.type(null, "y");
        awaitScreen("ops gone from the list", s -> !s.contains("ops:") && s.contains("web: 2 sessions"));
        Scarab.waitFor("deploy killed", WAIT, () -> {
            try {
                return !scarab.sessionsByName().containsKey("deploy");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(scarab.sessionsByName().keySet().containsAll(List.of("alpha", "front", "back")));

        // Enter on a group shows its session used last.
        tmux.type(null, "/");
        awaitScreen("the filter prompt", s -> s.contains("(filter)"));
        tmux.type(null, "w", "e", "b", "Escape");
        awaitScreen("web selected", s -> !s.contains("(filter)") && s.contains("┌ web (sort: time) ─"));
        tmux.type(null, "Enter");
        awaitShows("back");
        assertEquals("back", clientSession());
    }

    @Test
    void listKeysOverTheWindowAndOnTheCommandLine() {
        String cli = scarab.ok("list-keys", "-T", "prefix");
        assertTrue(cli.contains("bind-key    -T prefix c       new-window\n"), cli);
        assertTrue(cli.contains("bind-key    -T prefix s       choose-tree -Zs\n"), cli);
        assertTrue(cli.contains("bind-key -r -T prefix Up      select-pane -U\n"), cli);

        tmux.type(null, "C-b", "?");
        String screen = awaitScreen("the key list", s -> s.contains("bind-key    -T prefix C-b     send-prefix"));
        assertTrue(screen.lines().findFirst().orElse("").endsWith("]"), "the position at the top right: " + screen);
        tmux.type(null, "G");
        awaitScreen("the end of the list", s -> s.contains("C-Right") && !s.contains("C-b     send-prefix"));
        tmux.type(null, "q");
        awaitShows("alpha");

        // The : prompt runs it too.
        tmux.type(null, "C-b", ":");
        awaitScreen("the prompt", s -> s.lines().anyMatch(l -> l.startsWith(":")));
        tmux.type(null, "list-keys", "Enter");
        awaitScreen("the key list", s -> s.contains("-T prefix c       new-window"));
        tmux.type(null, "Escape");
        awaitShows("alpha");
    }
}
