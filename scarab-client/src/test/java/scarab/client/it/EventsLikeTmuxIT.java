package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.protocol.Json;

/**
 * One scripted sequence of commands run on a live tmux 3.3a with a control-mode client
 * ({@code tmux -C}) attached to a session {@code ctl}, and on Scarab with {@code scarab events}:
 * the notifications that have a counterpart must come in the same order, with the same names,
 * and name the same windows.
 *
 * <p>The mapping (tmux's {@code %unlinked-window-*} are its {@code %window-*} for a window outside
 * the control client's session, so the prefix is dropped): {@code window-added} is
 * {@code %window-add}, {@code window-closed} {@code %window-close}, {@code window-renamed}
 * {@code %window-renamed}, {@code session-renamed} {@code %session-renamed},
 * {@code session-created} and {@code session-killed} are {@code %sessions-changed}, and
 * {@code layout-changed} is {@code %layout-change} for a window of {@code ctl} (tmux tells a
 * control client only about its own session's layouts). pane-added and pane-closed have none.
 */
class EventsLikeTmuxIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Scarab scarab;
    private Tmux tmux;
    private Process control;
    private Process events;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        tmux = new Tmux(scarab.root);
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : new Process[] {control, events}) {
            if (p != null) {
                p.destroyForcibly();
                p.waitFor();
            }
        }
        tmux.close();
        scarab.close();
    }

    /** The sequence, in tmux's words; Scarab's are the same but for new-session, rename-session, kill-session. */
    private static final List<List<String>> SEQUENCE = List.of(
            List.of("new-session", "-d", "-s", "t1", "-x", "80", "-y", "24", "sh"),
            List.of("new-window", "-t", "t1", "sh"),
            List.of("split-window", "-t", "t1:1", "sh"),
            List.of("rename-window", "-t", "t1:1", "foo"),
            List.of("rename-session", "-t", "t1", "t2"),
            List.of("kill-pane", "-t", "t2:1.1"),
            List.of("kill-window", "-t", "t2:1"),
            List.of("kill-session", "-t", "t2"),
            List.of("new-window", "-t", "ctl", "sh"),
            List.of("split-window", "-t", "ctl:1", "sh"),
            List.of("rename-window", "-t", "ctl:1", "bar"),
            List.of("kill-pane", "-t", "ctl:1.1"),
            List.of("kill-window", "-t", "ctl:1"),
            List.of("rename-session", "-t", "ctl", "ctl-end"));

    private static List<String> scarabWords(List<String> tmuxWords) {
        return switch (tmuxWords.get(0)) {
            case "new-session" -> List.of("new", "-d", "-c", "sh", tmuxWords.get(3));
            case "rename-session" -> List.of("rename", tmuxWords.get(2), tmuxWords.get(3));
            case "kill-session" -> List.of("kill", tmuxWords.get(2));
            default -> tmuxWords.get(tmuxWords.size() - 1).equals("sh") ? tmuxWords.subList(0, tmuxWords.size() - 1)
                    : tmuxWords;
        };
    }

    @Test
    void theSameCommandsGiveTheSameNotificationsInTheSameOrder() throws Exception {
        List<String> tmuxSaid = tmuxNotifications();
        // Not a comparison of two empty lists: every kind in the mapping is there.
        for (String kind : List.of("window-add", "window-close", "window-renamed", "layout-change", "session-renamed",
                "sessions-changed")) {
            assertTrue(tmuxSaid.stream().anyMatch(n -> n.startsWith(kind)), kind + " in " + tmuxSaid);
        }
        assertEquals(tmuxSaid, scarabNotifications());
    }

    /** tmux's control mode: the mapped notifications, window ids numbered in order of appearance. */
    private List<String> tmuxNotifications() throws Exception {
        tmux.tmux("new-session", "-d", "-s", "ctl", "-x", "80", "-y", "24", "sh");
        // tmux's automatic rename may catch a new pane's process before it runs sh (still called
        // tmux) and rename the window for a moment: a race of tmux's, not a notification to compare.
        tmux.tmux("set-option", "-g", "automatic-rename", "off");
        List<String> cmd = new ArrayList<>(Arrays.asList(tmux.commandLine().split(" ")));
        cmd.addAll(List.of("-C", "attach", "-t", "ctl"));
        control = new ProcessBuilder(cmd).redirectErrorStream(true).start(); // its stdin stays open: it stays attached
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the client ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        Scarab.waitFor(() -> "the control client to attach: " + lines, WAIT,
                () -> lines.stream().anyMatch(l -> l.startsWith("%session-changed")));
        for (List<String> words : SEQUENCE) {
            tmux.tmux(words.toArray(String[]::new));
        }
        Scarab.waitFor(() -> "the last notification: " + lines, WAIT,
                () -> lines.stream().anyMatch(l -> l.startsWith("%session-renamed") && l.endsWith(" ctl-end")));
        Map<String, String> windows = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] w = line.replace("%unlinked-window-", "%window-").split(" ");
            switch (w[0]) {
                case "%window-add", "%window-close" -> out.add(w[0].substring(1) + " " + window(windows, w[1]));
                case "%window-renamed" -> out.add("window-renamed " + window(windows, w[1]) + " " + w[2]);
                case "%layout-change" -> out.add("layout-change " + window(windows, w[1]));
                case "%session-renamed" -> out.add("session-renamed " + w[2]);
                case "%sessions-changed" -> out.add("sessions-changed");
                default -> { }
            }
        }
        return out;
    }

    /** Scarab's events after ctl's creation, mapped to tmux's notifications. */
    private List<String> scarabNotifications() throws Exception {
        scarab.ok("new", "-d", "-c", "sh", "ctl");
        for (List<String> words : SEQUENCE) {
            scarab.ok(scarabWords(words).toArray(String[]::new));
        }
        Path file = scarab.root.resolve("events.jsonl");
        List<String> cmd = new ArrayList<>(Arrays.asList(scarab.clientCommand().split(" ")));
        cmd.addAll(List.of("events", "--since", "1"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(file.toFile()).redirectErrorStream(false);
        pb.environment().clear();
        pb.environment().putAll(scarab.env);
        events = pb.start();
        Scarab.waitFor(() -> "the last event: " + read(file), WAIT, () -> read(file).contains("\"session_name\":\"ctl-end\""));
        List<JsonNode> all = new ArrayList<>();
        for (String line : read(file).split("\n")) {
            if (!line.isEmpty()) {
                all.add(Json.mapper().readTree(line));
            }
        }
        String ctl = all.stream().filter(e -> e.path("type").asText().equals("session-created")).findFirst()
                .orElseThrow().path("session").asText();
        int start = 0;
        while (!all.get(start).path("type").asText().equals("session-created")) {
            start++;
        }
        Map<String, String> windows = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (JsonNode e : all.subList(start + 1, all.size())) {
            String window = e.path("window").asText();
            switch (e.path("type").asText()) {
                case "window-added" -> out.add("window-add " + window(windows, window));
                case "window-closed" -> out.add("window-close " + window(windows, window));
                case "window-renamed" -> out.add("window-renamed " + window(windows, window) + " "
                        + e.path("window_name").asText());
                case "layout-changed" -> {
                    if (e.path("session").asText().equals(ctl)) {
                        out.add("layout-change " + window(windows, window));
                    }
                }
                case "session-renamed" -> out.add("session-renamed " + e.path("session_name").asText());
                case "session-created", "session-killed" -> out.add("sessions-changed");
                default -> { }
            }
        }
        return out;
    }

    /** W1, W2, ...: a window's number in order of first appearance, so that the two id spaces compare. */
    private static String window(Map<String, String> seen, String id) {
        return seen.computeIfAbsent(id, k -> "W" + (seen.size() + 1));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
