package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.Json;
import scarab.protocol.Request;
import scarab.protocol.Response;

/**
 * {@code scarab events} as a program reads it: the real client in a process of its own, its JSON
 * lines in a file. Seqs rise by exactly 1; the model's changes come in order; filters, targets,
 * replay with {@code --since}; pane output decoded without splitting a character; a reader that
 * stops while a pane floods gets an {@code overflow} line and the daemon lives on.
 */
class EventsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = Json.mapper();
    private Scarab scarab;
    private final List<Process> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : clients) {
            ProcessHandle.of(p.pid()).ifPresent(h -> signal(h.pid(), "CONT"));
            p.destroyForcibly();
            p.waitFor();
        }
        scarab.close();
    }

    /** The real client, {@code scarab events ARGS}, its standard output to {@code out}. */
    private Process events(Path out, String... args) throws IOException {
        List<String> command = new ArrayList<>(Arrays.asList(scarab.clientCommand().split(" ")));
        command.add("events");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(out.resolveSibling(out.getFileName() + ".err").toFile());
        pb.environment().clear();
        pb.environment().putAll(scarab.env);
        Process p = pb.start();
        clients.add(p);
        return p;
    }

    private static List<JsonNode> lines(Path file) {
        try {
            List<JsonNode> out = new ArrayList<>();
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n'); // a line being written is not read yet
            for (String line : text.substring(0, end + 1).split("\n")) {
                if (!line.isEmpty()) {
                    out.add(MAPPER.readTree(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }

    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the client until it has printed at least {@code n} lines that pass {@code test}. */
    private static List<JsonNode> await(Path file, String what, java.util.function.Predicate<List<JsonNode>> test) {
        Scarab.waitFor(() -> what + " in " + read(file), WAIT, () -> test.test(lines(file)));
        return lines(file);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file) + Files.readString(file.resolveSibling(file.getFileName() + ".err"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void seqsRiseByOneAndTheModelsChangesComeInOrder() throws Exception {
        scarab.ok("new", "-d", "-c", "sh", "one");
        scarab.ok("new-window", "-t", "one");
        scarab.ok("split-window", "-t", "one:1");
        scarab.ok("rename-window", "-t", "one:1", "logs");
        scarab.ok("rename", "one", "two");
        scarab.ok("kill-pane", "-t", "two:1.1");
        scarab.ok("kill", "two");
        // Everything since the daemon started is still held: --since 1 replays it, in order.
        Path out = scarab.root.resolve("all.jsonl");
        events(out, "--since", "1");
        List<JsonNode> all = await(out, "session-killed", l -> !ofType(l, "session-killed").isEmpty()
                && !ofType(l, "window-closed").isEmpty() && ofType(l, "window-closed").size() == 2);
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).path("seq").asLong(), "seq " + all);
            assertTrue(all.get(i).path("time").asText().endsWith("Z"), all.get(i).toString());
        }
        List<String> model = all.stream().map(e -> e.path("type").asText())
                .filter(t -> !t.equals("activity") && !t.equals("title-changed")).toList();
        assertEquals(List.of("window-added", "pane-added", "session-created",
                "window-added", "pane-added",
                "pane-added", "layout-changed",
                "window-renamed",
                "session-renamed",
                "pane-closed", "layout-changed",
                "session-killed", "pane-closed", "window-closed", "pane-closed", "window-closed"), model);
        JsonNode created = ofType(all, "session-created").get(0);
        assertEquals("one", created.path("session_name").asText());
        assertTrue(created.path("session").asText().matches("\\$\\d+"), created.toString());
        JsonNode split = ofType(all, "layout-changed").get(0);
        assertTrue(split.path("window").asText().matches("@\\d+"), split.toString());
        assertEquals(1, split.path("window_index").asInt());
        // tmux's layout string, as list-windows shows it
        assertTrue(split.path("layout").asText().matches("[0-9a-f]{4},\\d+x\\d+,0,0\\[.*\\]"), split.toString());
        assertEquals("logs", ofType(all, "window-renamed").get(0).path("window_name").asText());
        JsonNode renamed = ofType(all, "session-renamed").get(0);
        assertEquals("two", renamed.path("session_name").asText());
        assertEquals("one", renamed.path("old_name").asText());
        assertEquals(created.path("session").asText(), renamed.path("session").asText());
        JsonNode paneAdded = ofType(all, "pane-added").get(2);
        assertTrue(paneAdded.path("pane").asText().matches("%\\d+"), paneAdded.toString());
    }

    @Test
    void aLiveStreamFollowsFiltersAndTargets() throws Exception {
        scarab.ok("new", "-d", "-c", "sh", "watched");
        scarab.ok("new", "-d", "-c", "sh", "other");
        Path out = scarab.root.resolve("live.jsonl");
        events(out, "--filter", "window-added,window-closed", "-t", "watched");
        // The client subscribes once it has started: windows are added until one is seen.
        Scarab.waitFor("the stream to start", WAIT, () -> {
            scarab.ok("new-window", "-d", "-t", "watched");
            return !lines(out).isEmpty();
        });
        scarab.ok("new-window", "-t", "other");
        scarab.ok("kill-window", "-t", "other:1");
        scarab.ok("split-window", "-t", "watched:1");
        scarab.ok("kill-window", "-t", "watched:1");
        List<JsonNode> seen = await(out, "the window closed", l -> !ofType(l, "window-closed").isEmpty());
        for (JsonNode e : seen) {
            assertEquals("watched", e.path("session_name").asText(), seen.toString());
        }
        List<String> types = seen.stream().map(e -> e.path("type").asText()).distinct().toList();
        assertEquals(List.of("window-added", "window-closed"), types, seen.toString());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).path("seq").asLong() > seen.get(i - 1).path("seq").asLong(), seen.toString());
        }
    }

    @Test
    void badRequestsAreRefusedClearly() {
        Scarab.Result badType = scarab.run("events", "--filter", "sesion-created");
        assertEquals(2, badType.status(), badType.err());
        assertTrue(badType.err().contains("no event type \"sesion-created\"; did you mean \"session-created\"?"),
                badType.err());
        Scarab.Result noTarget = scarab.run("events", "-t", "nowhere");
        assertEquals(1, noTarget.status(), noTarget.err());
        assertTrue(noTarget.err().contains("nowhere"), noTarget.err());
    }

    @Test
    void aCharacterSplitAcrossReadsOfALiveStreamIsOneCharacter() throws Exception {
        scarab.ok("new", "-d", "-c", "sh -c 'stty -echo; read x; printf \"A\\342\\202\"; read y; printf \"\\254B\\n\"; exec sleep 100000'",
                "utf");
        Path out = scarab.root.resolve("out.jsonl");
        events(out, "--output", "-t", "utf");
        int[] n = {0};
        Scarab.waitFor("the stream to start", WAIT, () -> {
            scarab.ok("rename-window", "-t", "utf:0", "w" + n[0]++);
            return !lines(out).isEmpty();
        });
        scarab.ok("send-keys", "-t", "utf", "Enter");
        await(out, "the first half", l -> l.stream().anyMatch(e -> e.path("data").asText().startsWith("A")));
        scarab.ok("send-keys", "-t", "utf", "Enter");
        List<JsonNode> seen = await(out, "the second half", l -> l.stream().anyMatch(e -> e.path("data").asText().contains("B")));
        List<String> data = ofType(seen, "output").stream().map(e -> e.path("data").asText()).toList();
        assertEquals("A", data.get(0), data.toString());
        assertTrue(data.get(1).startsWith("\u20acB"), data.toString());
        assertFalse(String.join("", data).contains("\ufffd"), data.toString());
    }

    @Test
    void titleBellAndClients() throws Exception {
        scarab.ok("new", "-d", "-c", "sh -c 'stty -echo; read x; printf \"\\033]2;my title\\007\\007\"; exec sleep 100000'", "tb");
        Path out = scarab.root.resolve("tb.jsonl");
        events(out, "--filter", "title-changed,bell,client-attached,client-resized,client-detached,session-created");
        int[] sessions = {0};
        Scarab.waitFor("the stream to start", WAIT, () -> {
            scarab.ok("new", "-d", "-c", "sh", "probe" + sessions[0]++);
            return !lines(out).isEmpty();
        });
        scarab.ok("send-keys", "-t", "tb", "Enter");
        try (DaemonConnection c = DaemonConnection.open(scarab.socket())) {
            Response r = c.call(new Request.Attach(c.nextId(), "tb", false, false, 90, 20, null));
            assertTrue(r instanceof Response.Attached, r.toString());
            c.send(new Request.Resize(c.nextId(), 100, 30));
            await(out, "the resize", l -> !ofType(l, "client-resized").isEmpty());
            c.send(new Request.Detach(c.nextId(), null));
            await(out, "the detach", l -> !ofType(l, "client-detached").isEmpty());
        }
        List<JsonNode> seen = await(out, "the bell", l -> !ofType(l, "bell").isEmpty());
        assertEquals("my title", ofType(seen, "title-changed").get(0).path("title").asText());
        assertEquals(1, ofType(seen, "bell").size(), seen.toString());
        JsonNode attached = ofType(seen, "client-attached").get(0);
        assertEquals("tb", attached.path("session_name").asText());
        JsonNode resized = ofType(seen, "client-resized").get(0);
        assertEquals(100, resized.path("cols").asInt());
        assertEquals(30, resized.path("rows").asInt());
        assertEquals(attached.path("client").asText(), resized.path("client").asText());
        assertEquals("requested", ofType(seen, "client-detached").get(0).path("reason").asText());
    }

    /**
     * A switch-client is a client-switched event naming both sessions; after an in-place upgrade the
     * numbering goes on, the new program's first event being daemon-upgraded, which --since replays.
     */
    @Test
    void aSwitchAndAnUpgradeAreEvents() throws Exception {
        scarab.ok("new", "-d", "-c", "sh -c 'exec sleep 100000'", "one");
        scarab.ok("new", "-d", "-c", "sh -c 'exec sleep 100000'", "two");
        Path out = scarab.root.resolve("switch.jsonl");
        events(out, "--filter", "client-attached,client-switched,session-created");
        int[] sessions = {0};
        Scarab.waitFor("the stream to start", WAIT, () -> {
            scarab.ok("new", "-d", "-c", "sh", "probe" + sessions[0]++);
            return !lines(out).isEmpty();
        });
        try (DaemonConnection c = DaemonConnection.open(scarab.socket())) {
            Response r = c.call(new Request.Attach(c.nextId(), "one", false, false, 90, 20, null));
            assertTrue(r instanceof Response.Attached, r.toString());
            JsonNode attached = ofType(await(out, "the attach", l -> !ofType(l, "client-attached").isEmpty()),
                    "client-attached").get(0);
            scarab.ok("switch-client", "-c", attached.path("client").asText(), "-t", "two");
            JsonNode switched = ofType(await(out, "the switch", l -> !ofType(l, "client-switched").isEmpty()),
                    "client-switched").get(0);
            assertEquals("two", switched.path("session_name").asText(), switched.toString());
            assertEquals("one", switched.path("old_session_name").asText(), switched.toString());
            assertEquals(attached.path("client").asText(), switched.path("client").asText(), switched.toString());
        }

        long before = lines(out).get(lines(out).size() - 1).path("seq").asLong();
        scarab.ok("daemon", "upgrade");
        // The new program holds its own events only: the first it holds is where its numbering went on.
        Scarab.Result gone = scarab.run("events", "--since", "1");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("events before (\\d+) are gone").matcher(gone.err());
        assertTrue(gone.status() != 0 && m.find(), gone.toString());
        long first = Long.parseLong(m.group(1));
        assertTrue(first > before, "the numbering goes on after " + before + ": " + first);
        Path since = scarab.root.resolve("since.jsonl");
        events(since, "--since", Long.toString(first));
        List<JsonNode> replayed = await(since, "daemon-upgraded", l -> !ofType(l, "daemon-upgraded").isEmpty());
        assertEquals("daemon-upgraded", replayed.get(0).path("type").asText(), "the new program's first: " + replayed);
        assertEquals(first, replayed.get(0).path("seq").asLong(), replayed.toString());
    }

    @Test
    void recordingsStartingAndStoppingAreEvents() throws Exception {
        scarab.ok("new", "-d", "-c", "sh -c 'exec sleep 100000'", "rec");
        Path out = scarab.root.resolve("rec.jsonl");
        events(out, "--filter", "recording-started,recording-stopped,session-created");
        int[] sessions = {0};
        Scarab.waitFor("the stream to start", WAIT, () -> {
            scarab.ok("new", "-d", "-c", "sh", "probe" + sessions[0]++);
            return !lines(out).isEmpty();
        });
        Path cast = scarab.root.resolve("rec.cast");
        scarab.ok("record", "start", "-t", "rec", cast.toString());
        scarab.ok("record", "stop", "-t", "rec");
        List<JsonNode> seen = await(out, "the recording's stop", l -> !ofType(l, "recording-stopped").isEmpty());
        JsonNode started = ofType(seen, "recording-started").get(0);
        JsonNode stopped = ofType(seen, "recording-stopped").get(0);
        assertEquals(cast.toString(), started.path("file").asText(), started.toString());
        assertEquals("rec", started.path("session_name").asText(), started.toString());
        assertEquals(cast.toString(), stopped.path("file").asText(), stopped.toString());
        assertEquals("stopped", stopped.path("reason").asText(), stopped.toString());
        assertTrue(started.path("seq").asLong() < stopped.path("seq").asLong(), seen.toString());
    }

    /**
     * A reader stopped (SIGSTOP) with --output while a pane floods: the daemon holds one full queue
     * for it, no more, and lives on; once it reads again it gets one overflow line naming the first
     * seq it lost, then the stream from where it is. --since then says what is gone, and replays
     * what is still held.
     */
    @Test
    void aStoppedReaderGetsAnOverflowAndTheDaemonLivesOn() throws Exception {
        scarab.ok("new", "-d", "-c", "sh -c 'read go; yes FLOOD-0123456789-0123456789-0123456789 | head -c 24000000;"
                + " echo; echo FLOOD-DONE; exec cat'", "flood");
        long daemon = scarab.daemonPid();
        Path out = scarab.root.resolve("flood.jsonl");
        Process reader = events(out, "--output", "-t", "flood");
        Scarab.waitFor("the stream to start", WAIT, () -> {
            scarab.ok("send-keys", "-t", "flood", "x");
            return !lines(out).isEmpty();
        });
        long before = lines(out).get(lines(out).size() - 1).path("seq").asLong();
        signal(reader.pid(), "STOP");
        scarab.ok("send-keys", "-t", "flood", "Enter");
        Scarab.waitFor("the flood to end", Duration.ofSeconds(600), () -> scarab.ok("capture", "flood").contains("FLOOD-DONE"));
        assertEquals(daemon, scarab.daemonPid());
        assertTrue(scarab.ok("ls", "--names").contains("flood"));
        signal(reader.pid(), "CONT");
        List<JsonNode> seen = await(out, "an overflow line", l -> !ofType(l, "overflow").isEmpty());
        JsonNode overflow = ofType(seen, "overflow").get(0);
        long firstLost = overflow.path("first_lost_seq").asLong();
        assertTrue(firstLost > before, overflow.toString());
        assertTrue(overflow.path("last_lost_seq").asLong() >= firstLost, overflow.toString());
        assertTrue(overflow.path("lost").asLong() > 0, overflow.toString());
        assertEquals(1, ofType(seen, "overflow").size(), "one overflow line: " + overflow);
        // The stream goes on from where it is: typed text comes through after the overflow line.
        scarab.ok("send-keys", "-t", "flood", "-l", "after-the-flood");
        seen = await(out, "output after the overflow", l -> l.stream().anyMatch(e -> e.path("data").asText().contains("after-the-flood")));
        int at = seen.indexOf(overflow);
        long last = 0;
        for (JsonNode e : seen.subList(at + 1, seen.size())) {
            assertTrue(e.path("seq").asLong() > Math.max(last, overflow.path("last_lost_seq").asLong()), e.toString());
            last = e.path("seq").asLong();
        }
        // Resync: the flood's events are long gone from the daemon's ring; a recent seq is replayed.
        Scarab.Result gone = scarab.run("events", "--since", Long.toString(firstLost));
        assertEquals(1, gone.status(), gone.err());
        assertTrue(gone.err().contains("events before ") && gone.err().contains(" are gone"), gone.err());
        scarab.ok("rename", "flood", "flooded");
        List<JsonNode> renamed = await(out, "the rename", l -> !ofType(l, "session-renamed").isEmpty());
        long seq = ofType(renamed, "session-renamed").get(0).path("seq").asLong();
        Path again = scarab.root.resolve("again.jsonl");
        events(again, "--since", Long.toString(seq));
        List<JsonNode> replayed = await(again, "the replay", l -> !l.isEmpty());
        assertEquals(seq, replayed.get(0).path("seq").asLong(), replayed.toString());
        assertEquals("session-renamed", replayed.get(0).path("type").asText());
        assertEquals(daemon, scarab.daemonPid());
    }
}
