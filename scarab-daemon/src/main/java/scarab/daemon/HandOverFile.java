package scarab.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import scarab.daemon.pty.PtyChild;
import scarab.protocol.Json;

/**
 * The small file one daemon leaves its successor across {@code execve} (an in-place upgrade): for
 * each pane, the numbers of its process (pid, pidfd, PTY master) and its terminal's path.
 * Everything else (sessions, windows, layouts, screens, histories) goes through the store, as at
 * a clean stop. Versioned: a daemon reads every format up to its own and refuses a newer one
 * (then every session is restored the old way, commands started again).
 *
 * <pre>{"format":1,"pid":1234,"version":"0.9.0","panes":[{"pane":3,"pid":77,"pidfd":41,"master":40,"pts":"/dev/pts/5"}]}</pre>
 *
 * <p>A pane whose alternate screen is active (a full-screen program) also carries it, base64, as
 * {@code "alternate"}: the store's snapshot keeps the main screen only (a restarted program starts
 * on it), while an adopted program goes on drawing on the alternate one. A pane running under its
 * session's limits carries its scope as {@code "scope"} ({@code systemd:UNIT} or {@code cgroup:DIR}),
 * so that the new program still asks it, when the process ends, whether memory killed it. Both
 * are optional: a daemon of format 1 without them ignores them, and reads a file without them.
 */
public final class HandOverFile {
    /** The format this daemon writes, and the newest it reads. */
    public static final int FORMAT = 1;
    /** The variable naming the file for the program after {@code execve}. */
    public static final String ENV = "SCARAB_HANDOVER";

    private HandOverFile() {}

    /** A file that cannot be used, with why (said in the log and by {@code daemon status}). */
    public static final class Unusable extends Exception {
        Unusable(String why) {
            super(why);
        }
    }

    /**
     * What a hand-over holds: per pane, its process's numbers, the alternate screen if one was
     * active, and the scope it runs in if it has limits.
     */
    public record Contents(Map<Integer, PtyChild.Fds> panes, Map<Integer, byte[]> alternates, long eventSeq,
                           Map<Integer, String> scopes) {
        public Contents(Map<Integer, PtyChild.Fds> panes, Map<Integer, byte[]> alternates) {
            this(panes, alternates, 0, Map.of());
        }
    }

    /** Writes the hand-over, readable by this user only. {@code format} is {@link #FORMAT} but in tests. */
    public static void write(Path file, int format, String version, Map<Integer, PtyChild.Fds> panes,
                             Map<Integer, byte[]> alternates) throws IOException {
        write(file, format, version, panes, alternates, Map.of());
    }

    /** ... with the scopes of the panes that run under limits, by pane. */
    public static void write(Path file, int format, String version, Map<Integer, PtyChild.Fds> panes,
                             Map<Integer, byte[]> alternates, Map<Integer, String> scopes) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("format", format);
        root.put("pid", ProcessHandle.current().pid());
        root.put("version", version);
        // The event stream's numbering goes on in the new program (optional: 0 when absent).
        root.put("eventSeq", scarab.daemon.events.EventBus.daemon().lastSeq());
        ArrayNode list = root.putArray("panes");
        panes.forEach((pane, f) -> {
            ObjectNode p = list.addObject().put("pane", pane).put("pid", f.pid()).put("pidfd", f.pidfd())
                    .put("master", f.master()).put("pts", f.terminal());
            byte[] alt = alternates.get(pane);
            if (alt != null) {
                p.put("alternate", java.util.Base64.getEncoder().encodeToString(alt));
            }
            String scope = scopes.get(pane);
            if (scope != null) {
                p.put("scope", scope);
            }
        });
        writePrivate(file, Json.mapper().writeValueAsBytes(root));
    }

    /** A damaged file, for the test of the fallback. */
    static void writeDamaged(Path file) throws IOException {
        writePrivate(file, "{\"format\":1,\"pid\":".getBytes(StandardCharsets.US_ASCII));
    }

    private static void writePrivate(Path file, byte[] data) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, data, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Reads a hand-over left for this process (its pid must be this one: a file left by another
     * daemon names numbers that mean nothing here).
     *
     * @return pane id to its process's numbers
     */
    public static Contents read(Path file) throws Unusable {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            throw new Unusable("the hand-over file " + file + " cannot be read: " + e.getMessage());
        }
        if (root == null || !root.path("format").isInt()) {
            throw new Unusable("the hand-over file " + file + " has no format version");
        }
        int format = root.get("format").asInt();
        if (format < 1 || format > FORMAT) {
            throw new Unusable("the hand-over file " + file + " is of format " + format + "; this daemon reads 1 to "
                    + FORMAT);
        }
        if (root.path("pid").asLong() != ProcessHandle.current().pid()) {
            throw new Unusable("the hand-over file " + file + " was left by process " + root.path("pid").asLong());
        }
        Map<Integer, PtyChild.Fds> panes = new LinkedHashMap<>();
        Map<Integer, byte[]> alternates = new LinkedHashMap<>();
        Map<Integer, String> scopes = new LinkedHashMap<>();
        for (JsonNode p : root.path("panes")) {
            if (!p.path("pane").isInt() || !p.path("pid").canConvertToLong() || !p.path("pidfd").isInt()
                    || !p.path("master").isInt() || !p.path("pts").isTextual()) {
                throw new Unusable("the hand-over file " + file + " has a damaged pane entry: " + p);
            }
            panes.put(p.get("pane").asInt(), new PtyChild.Fds(p.get("pid").asLong(), p.get("pidfd").asInt(),
                    p.get("master").asInt(), p.get("pts").asText()));
            if (p.path("alternate").isTextual()) {
                try {
                    alternates.put(p.get("pane").asInt(), java.util.Base64.getDecoder().decode(p.get("alternate").asText()));
                } catch (IllegalArgumentException e) {
                    throw new Unusable("the hand-over file " + file + " has a damaged alternate screen: " + e.getMessage());
                }
            }
            if (p.has("scope")) {
                if (!p.get("scope").isTextual()) {
                    throw new Unusable("the hand-over file " + file + " has a damaged scope: " + p.get("scope"));
                }
                scopes.put(p.get("pane").asInt(), p.get("scope").asText());
            }
        }
        return new Contents(panes, alternates, Math.max(0, root.path("eventSeq").asLong(0)), scopes);
    }
}
