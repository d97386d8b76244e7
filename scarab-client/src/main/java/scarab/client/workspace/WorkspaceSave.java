package scarab.client.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import scarab.client.ClientError;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.Json;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.SessionInfo;
import scarab.protocol.command.Caller;

/**
 * {@code scarab save}: a live session as a workspace file. Each window keeps its exact geometry as
 * its layout string ({@code #{window_layout}}) and the session its window size, so {@code up} of
 * the file gives the same panes in the same places; each pane keeps its directory and the command
 * it was started with, read from {@code /proc} (exact words) when the daemon's machine is this one,
 * and what runs in its foreground when that is another program (a shell running an editor) as a
 * line to type ({@code send}).
 */
public final class WorkspaceSave {
    private WorkspaceSave() {}

    public static String text(DaemonConnection c, String target, Path proc) throws IOException {
        JsonNode windows = json(c, List.of("list-windows", "-t", target, "--json"));
        if (windows.isEmpty()) {
            throw new ClientError("no windows in " + target);
        }
        StringBuilder out = new StringBuilder();
        String session = windows.get(0).get("session").asText();
        out.append("# scarab up reads this file (written by scarab save from session ").append(session).append(")\n");
        out.append("session = ").append(string(session)).append('\n');
        out.append("size = \"").append(windows.get(0).get("width").asInt()).append('x')
                .append(windows.get(0).get("height").asInt()).append("\"\n");
        Response.Listing listing = (Response.Listing) c.call(new Request.ListSessions(c.nextId()));
        for (SessionInfo s : listing.sessions()) {
            if (s.name().equals(session)) {
                out.append(settings(s));
            }
        }
        for (JsonNode w : windows) {
            out.append("\n[[windows]]\n");
            out.append("name = ").append(string(w.get("name").asText())).append('\n');
            out.append("layout = ").append(string(w.get("layout").asText())).append('\n');
            JsonNode panes = json(c, List.of("list-panes", "-t", w.get("id").asText(), "--json"));
            for (JsonNode p : panes) {
                out.append("\n[[windows.panes]]\n");
                out.append("cwd = ").append(string(p.get("cwd").asText())).append('\n');
                long pid = p.get("pid").isNull() ? -1 : p.get("pid").asLong();
                List<String> started = cmdline(proc, pid);
                if (started.isEmpty()) {
                    started = List.of(p.get("startCommand").asText().split(" "));
                }
                out.append("command = ").append(array(started)).append('\n');
                List<String> running = cmdline(proc, foreground(proc, pid));
                if (!running.isEmpty() && foreground(proc, pid) != pid) {
                    out.append("send = [").append(string(WorkspaceCommands.line(running))).append("]\n");
                }
            }
        }
        return out.toString();
    }

    /**
     * The session's group and limits as a workspace file's top keys, as {@code up} reads them back
     * ({@code memory-max} in the largest unit that keeps it exact); nothing for what it has not.
     */
    static String settings(SessionInfo s) {
        StringBuilder out = new StringBuilder();
        if (s.group() != null) {
            out.append("group = ").append(string(s.group())).append('\n');
        }
        if (s.memoryMax() != null) {
            out.append("memory-max = ").append(string(size(s.memoryMax()))).append('\n');
        }
        if (s.cpuMax() != null) {
            out.append("cpu-max = ").append(s.cpuMax()).append('\n');
        }
        if (s.tasksMax() != null) {
            out.append("tasks-max = ").append(s.tasksMax()).append('\n');
        }
        return out.toString();
    }

    /** Bytes as {@code 512M}, {@code 2G}, or plain bytes when no unit divides them. */
    static String size(long bytes) {
        String units = "KMGT";
        String unit = "";
        for (int i = 0; i < units.length() && bytes % 1024 == 0; i++) {
            bytes /= 1024;
            unit = String.valueOf(units.charAt(i));
        }
        return bytes + unit;
    }

    public static void write(String text, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static JsonNode json(DaemonConnection c, List<String> argv) throws IOException {
        return Json.mapper().readTree(output(c, argv));
    }

    private static String output(DaemonConnection c, List<String> argv) throws IOException {
        Response r = c.call(new Request.Command(c.nextId(), argv, Caller.NOBODY, null));
        Response.CommandResult result = (Response.CommandResult) r;
        if (result.exitStatus() != 0) {
            throw new ClientError(result.stderr() == null ? String.join(" ", argv) + " failed" : result.stderr().strip());
        }
        return result.stdout() == null ? "" : result.stdout();
    }

    /** The process group in the foreground of {@code pid}'s terminal (its {@code tpgid}), or -1. */
    static long foreground(Path proc, long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long tpgid = Long.parseLong(f[5]);
            return tpgid > 0 ? tpgid : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A process's words from {@code /proc/PID/cmdline}; empty when it cannot be read. */
    static List<String> cmdline(Path proc, long pid) {
        if (pid <= 0) {
            return List.of();
        }
        try {
            byte[] raw = Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("cmdline"));
            List<String> words = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    words.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (start < raw.length) {
                words.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
            }
            return words;
        } catch (IOException e) {
            return List.of();
        }
    }

    static String array(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String w : words) {
            quoted.add(string(w));
        }
        return "[" + String.join(", ", quoted) + "]";
    }

    /** A TOML basic string. */
    static String string(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
