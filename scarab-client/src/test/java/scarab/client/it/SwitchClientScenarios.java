package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.Json;

/**
 * Switching sessions inside one attached client, as a person does it: the real client runs in a
 * pane of a private tmux (the user's terminal), keys are typed with send-keys, and the client's
 * picture (capture-pane -e of that pane) must equal the shown session's own {@code capture -e}.
 * Run with the daemon writing the client's terminal ({@link SwitchClientIT}) and with the output
 * relayed through the client ({@link SwitchClientRelayIT}).
 */
abstract class SwitchClientScenarios {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private Scarab scarab;
    private Tmux tmux;

    abstract boolean direct();

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        tmux = new Tmux(scarab.root);
        tmux.start(100, 30, "env -i " + envLine() + " PS1='outer$ ' /bin/sh");
        tmux.awaitText(null, "outer$");
        // Two sessions with different known screens: colours, text, the cursor after a prompt.
        for (String name : new String[] {"alpha", "beta"}) {
            scarab.ok("new", "-d", "-e", "PS1=" + name + "$ ", "-c", "/bin/sh", name);
            scarab.ok("send-keys", name, "clear; printf '\\033[3" + (name.equals("alpha") ? "1" : "4") + "m" + name
                    + "-screen\\033[0m %s\\n' $((6*7))", "Enter");
            Scarab.waitFor(name + "'s screen", WAIT, () -> scarab.ok("capture", name).contains(name + "-screen 42"));
        }
    }

    @AfterEach
    void stop() throws Exception {
        tmux.close();
        scarab.close();
    }

    private String envLine() {
        return scarab.envLine(direct(), Map.of());
    }

    /** The client's picture is the session's own screen, colours and all. */
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

    private JsonNode onlyClient() throws Exception {
        JsonNode all = Json.mapper().readTree(scarab.ok("list-clients", "--json"));
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    private int attached(String session) throws Exception {
        return scarab.sessionsByName().get(session).get("clients").asInt();
    }

    @Test
    void prefixKeysSwitchToTheNextPreviousAndLastSession() throws Exception {
        tmux.type(null, "clear; env " + envLine() + " " + scarab.clientCommand() + " attach alpha", "Enter");
        tmux.awaitText(null, "alpha$");
        awaitShows("alpha");

        tmux.type(null, "C-b", ")");
        awaitShows("beta");
        assertEquals("beta", onlyClient().get("session").asText());
        assertEquals(1, attached("beta"));
        assertEquals(0, attached("alpha"));
        // Keys go to the session shown now.
        tmux.type(null, "echo typed-in-$((5*5))", "Enter");
        Scarab.waitFor("the keys in beta", WAIT, () -> scarab.ok("capture", "beta").contains("typed-in-25"));
        assertTrue(!scarab.ok("capture", "alpha").contains("typed-in-25"), "alpha got nothing");
        awaitShows("beta");

        tmux.type(null, "C-b", "L");
        awaitShows("alpha");
        assertEquals("beta", onlyClient().get("lastSession").asText());
        tmux.type(null, "C-b", "(");
        awaitShows("beta"); // two sessions: previous wraps around to the other one
        tmux.type(null, "C-b", ")");
        awaitShows("alpha");

        // The session shown follows the client's size; detach still names the session shown.
        tmux.type(null, "C-b", "d");
        tmux.awaitText(null, "[detached (from session alpha)]");
        assertEquals(0, attached("alpha"));
        assertEquals("[]", scarab.ok("list-clients", "--json").strip());
    }

    @Test
    void switchClientFromAShellInsideTheSessionAndListClients() throws Exception {
        scarab.ok("resize-window", "-t", "beta", "-x", "60", "-y", "20");
        tmux.type(null, "clear; exec env " + envLine() + " " + scarab.clientCommand() + " attach alpha", "Enter");
        tmux.awaitText(null, "alpha$");
        awaitShows("alpha");

        JsonNode client = onlyClient();
        String name = client.get("name").asText();
        assertEquals(tmux.paneTty(null), name, "a client is named by its terminal, as in tmux");
        assertEquals(tmux.paneTty(null), client.get("tty").asText());
        assertEquals(100, client.get("width").asInt());
        assertEquals(30, client.get("height").asInt());
        assertEquals("alpha", client.get("session").asText());
        assertEquals(false, client.get("readOnly").asBoolean());
        assertEquals(name + ": alpha [100x30 xterm-256color] (attached,focused,UTF-8)\n", scarab.ok("list-clients"));
        assertEquals("alpha " + name + "\n", scarab.ok("lsc", "-F", "#{session_name} #{client_tty}"));
        assertEquals("", scarab.ok("list-clients", "-t", "beta"));

        // From the shell in the attached session, with no -c: the client showing the caller's session.
        tmux.type(null, "clear; env " + envLine() + " " + scarab.clientCommand() + " switch-client -t beta", "Enter");
        awaitShows("beta");
        assertEquals("100 30\n", scarab.ok("display", "-p", "-t", "beta", "#{window_width} #{window_height}"),
                "the session shown takes the client's size");
        assertEquals("beta\n", scarab.ok("list-clients", "-F", "#{client_session}"));
        assertEquals("alpha\n", scarab.ok("list-clients", "-F", "#{client_last_session}"));

        // -c names the client; -l goes back.
        scarab.ok("switch-client", "-c", name, "-l");
        awaitShows("alpha");
        // A window target makes that window current and shows its session.
        scarab.ok("new-window", "-d", "-t", "beta", "-c", "/bin/sh");
        scarab.ok("switch-client", "-c", name, "-t", "beta:1");
        Scarab.waitFor("beta's window 1 shown", WAIT, () -> tmux.screen(null).contains("[beta] 0:sh- 1:sh*"));
        assertEquals("1\n", scarab.ok("display", "-p", "-t", "beta", "#{window_index}"));
    }

    @Test
    void refusalsInTmuxsWords() throws Exception {
        Scarab.Result r = scarab.run("switch-client", "-t", "alpha");
        assertEquals(1, r.status());
        assertEquals("no current client\n", r.err());
        tmux.type(null, "clear; exec env " + envLine() + " " + scarab.clientCommand() + " attach alpha", "Enter");
        tmux.awaitText(null, "alpha$");
        Scarab.waitFor("the client listed", WAIT, () -> !scarab.ok("list-clients").isEmpty());
        String name = scarab.ok("list-clients", "-F", "#{client_name}").strip();

        r = scarab.run("switch-client", "-c", name, "-t", "nosuch");
        assertEquals(1, r.status());
        assertEquals("can't find session: nosuch\n", r.err());
        r = scarab.run("switch-client", "-c", "/dev/nosuch", "-t", "beta");
        assertEquals("can't find client: /dev/nosuch\n", r.err());
        r = scarab.run("switch-client", "-c", name, "-l");
        assertEquals("can't find last session\n", r.err());
        r = scarab.run("switch-client", "-t", "beta", "-X");
        assertEquals(1, r.status());
        assertEquals("alpha\n", scarab.ok("list-clients", "-F", "#{client_session}"), "nothing changed");
        scarab.ok("kill", "-f", "beta");
        r = scarab.run("switch-client", "-c", name, "-n");
        assertEquals("can't find next session\n", r.err());
        awaitShows("alpha");
    }
}
