package scarab.client.workspace;

import scarab.client.requests.ResourceLimits;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scarab.protocol.CommandSplitter;
import scarab.protocol.NearMiss;

/**
 * Reads a workspace file with the TOML parser the config file is read with, and checks all of
 * it before anything is created: every problem is one line naming the file, the line and the key
 * ({@code work.toml:12: windows[1].panes[0].size: expected ...}), as {@code scarab config check}
 * names them. Relative directories are the file's directory's; {@code ~} is the home directory.
 */
public final class WorkspaceFile {
    static final List<String> TOP = List.of("session", "root", "size", "group", "memory-max", "cpu-max", "tasks-max", "env",
            "windows");
    static final List<String> WINDOW = List.of("name", "layout", "split", "panes", "command", "cwd", "send", "on-start");
    static final List<String> NODE = List.of("size", "split", "panes", "command", "cwd", "send", "on-start");

    /** A file with problems: each is a line of the message. */
    public static final class Problems extends RuntimeException {
        private final List<String> lines;

        Problems(List<String> lines) {
            super(String.join("\n", lines), null, false, false);
            this.lines = List.copyOf(lines);
        }

        public List<String> lines() {
            return lines;
        }
    }

    private final Path file;
    private final String home;
    private final TomlLines where;
    private final List<String> problems = new ArrayList<>();

    private WorkspaceFile(Path file, String text, String home) {
        this.file = file;
        this.home = home;
        this.where = new TomlLines(text);
    }

    /** Reads {@code file}; {@code home}: what {@code ~} stands for; {@code defaultRoot}: the root when none is given. */
    public static Workspace read(Path file, String home, Path defaultRoot) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new Problems(List.of(file + ": no such file"));
        }
        return parse(file, text, home, defaultRoot);
    }

    static Workspace parse(Path file, String text, String home, Path defaultRoot) {
        JsonNode root;
        try {
            root = Toml.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String m = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new Problems(List.of(file + (line > 0 ? ":" + line : "") + ": not valid TOML: " + m));
        }
        return new WorkspaceFile(file, text, home).read(root, defaultRoot);
    }

    private static final class Toml {
        static final TomlMapper MAPPER = TomlMapper.builder().build();
    }

    private Workspace read(JsonNode top, Path defaultRoot) {
        unknownKeys(top, "", TOP);
        String session = text(top, "session", "session");
        if (session == null) {
            session = defaultName();
        }
        if (session != null && (!session.matches("[A-Za-z0-9._-]{1,64}") || session.equals(".") || session.equals("..")
                || session.startsWith("-"))) {
            problem("session", "expected a name of 1-64 of [A-Za-z0-9._-], not starting with '-', not " + shown(top.get("session")));
        }
        String rootText = text(top, "root", "root");
        String root = rootText == null ? defaultRoot.toString() : directory(rootText, file.toAbsolutePath().getParent().toString());
        int[] size = null;
        String sizeText = text(top, "size", "size");
        if (sizeText != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,4})x([0-9]{1,4})").matcher(sizeText);
            if (m.matches() && Integer.parseInt(m.group(1)) >= 2 && Integer.parseInt(m.group(2)) >= 2) {
                size = new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            } else {
                problem("size", "expected COLSxROWS like \"200x50\", not " + shown(top.get("size")));
            }
        }
        String group = text(top, "group", "group");
        if (group != null && !group.matches("[A-Za-z0-9._-]{1,64}")) {
            problem("group", "expected a name of 1-64 of [A-Za-z0-9._-], not " + shown(top.get("group")));
        }
        Long memoryMax = limit(top, "memory-max", v -> ResourceLimits.size(v, "memory-max"), "a size such as \"512M\"");
        Long cpuMax = limit(top, "cpu-max", v -> (long) ResourceLimits.percent(v, "cpu-max"), "a percentage of one CPU such as 50");
        Long tasksMax = limit(top, "tasks-max", v -> (long) ResourceLimits.count(v, "tasks-max"), "a number of tasks such as 256");
        ResourceLimits limits = memoryMax == null && cpuMax == null && tasksMax == null ? null
                : new ResourceLimits(memoryMax, cpuMax == null ? null : cpuMax.intValue(),
                        tasksMax == null ? null : tasksMax.intValue());
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode envNode = top.get("env");
        if (envNode != null) {
            if (!envNode.isObject()) {
                problem("env", "expected a table: [env] with lines like EDITOR = \"vim\"");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = envNode.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().isValueNode() || e.getKey().isEmpty() || e.getKey().contains("=")) {
                        problem("env." + e.getKey(), "expected a value in quotes, not " + shown(e.getValue()));
                    } else {
                        env.put(e.getKey(), e.getValue().asText());
                    }
                }
            }
        }
        List<Workspace.Window> windows = new ArrayList<>();
        JsonNode ws = top.get("windows");
        if (ws == null) {
            problem("windows", "expected at least one [[windows]] table");
        } else if (!ws.isArray() || ws.isEmpty()) {
            problem("windows", "expected [[windows]] tables, one per window, not " + shown(ws));
        } else {
            for (int i = 0; i < ws.size(); i++) {
                windows.add(window(ws.get(i), "windows[" + i + "]", root));
            }
        }
        if (!problems.isEmpty()) {
            throw new Problems(problems);
        }
        return new Workspace(file, session, root, size, env, group, limits, windows);
    }

    /** A limit given as a number or in quotes ({@code "2G"}, {@code "50%"}), read by {@code read}; null when absent or wrong. */
    private Long limit(JsonNode top, String key, java.util.function.Function<String, Long> read, String expected) {
        JsonNode v = top.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() && !v.isIntegralNumber()) {
            problem(key, "expected " + expected + ", not " + shown(v));
            return null;
        }
        try {
            return read.apply(v.asText());
        } catch (IllegalArgumentException e) {
            problem(key, "expected " + expected + ", not " + shown(v));
            return null;
        }
    }

    private Workspace.Window window(JsonNode w, String path, String root) {
        if (!w.isObject()) {
            problem(path, "expected a table ([[windows]]), not " + shown(w));
            return null;
        }
        unknownKeys(w, path, WINDOW);
        String name = text(w, "name", path + ".name");
        String layout = text(w, "layout", path + ".layout");
        Workspace.Node tree = node(w, path, root, true);
        if (layout != null && tree != null) {
            for (Workspace.Node c : tree.children()) {
                if (!c.leaf()) {
                    problem(path + ".layout", "expected a flat list of panes with a layout: a pane of it is split again"
                            + " (give the splits instead, or only the layout)");
                    break;
                }
                if (c.size() != null) {
                    problem(path + ".layout", "the layout gives every pane's size: a pane of it has its own size");
                    break;
                }
            }
        }
        return new Workspace.Window(name, layout, tree, where.line(path));
    }

    /** A pane or a split; {@code window}: the window's own table, which is its root. */
    private Workspace.Node node(JsonNode n, String path, String parentDir, boolean window) {
        if (!n.isObject()) {
            problem(path, "expected a table (a pane: command, cwd, send, on-start, size; or a split: split, panes), not "
                    + shown(n));
            return null;
        }
        if (!window) {
            unknownKeys(n, path, NODE);
        }
        String cwdText = text(n, "cwd", path + ".cwd");
        String dir = cwdText == null ? parentDir : directory(cwdText, parentDir);
        String size = window ? null : size(n.get("size"), path + ".size");
        JsonNode panes = n.get("panes");
        String split = text(n, "split", path + ".split");
        boolean horizontal = false;
        if (split != null) {
            switch (split) {
                case "h", "horizontal" -> horizontal = true;
                case "v", "vertical" -> horizontal = false;
                default -> problem(path + ".split", "expected \"h\" (side by side) or \"v\" (one above the other), not \""
                        + split + "\"");
            }
        }
        if (panes != null) {
            for (String own : List.of("command", "send", "on-start")) {
                if (n.has(own)) {
                    problem(path + "." + own, "a split has no " + own + " of its own: give it to one of its panes");
                }
            }
            if (!panes.isArray() || panes.isEmpty()) {
                problem(path + ".panes", "expected [[" + tableName(path) + ".panes]] tables, one per pane, not " + shown(panes));
                return null;
            }
            List<Workspace.Node> children = new ArrayList<>();
            for (int i = 0; i < panes.size(); i++) {
                Workspace.Node c = node(panes.get(i), path + ".panes[" + i + "]", dir, false);
                if (c != null) {
                    children.add(c);
                }
            }
            if (children.size() == 1 && children.get(0).leaf() && size == null) {
                return children.get(0);
            }
            return new Workspace.Node(size, horizontal, List.copyOf(children), null, dir, List.of(), null, where.line(path));
        }
        if (split != null) {
            problem(path + ".split", "a split needs its panes: [[" + tableName(path) + ".panes]] tables");
        }
        List<String> command = command(n.get("command"), path + ".command");
        List<String> send = strings(n.get("send"), path + ".send");
        String onStart = text(n, "on-start", path + ".on-start");
        return new Workspace.Node(size, false, List.of(), command, dir, send, onStart, where.line(path));
    }

    /** {@code windows[0].panes[1]} as a table header names it: {@code windows.panes}. */
    private static String tableName(String path) {
        return path.replaceAll("\\[[0-9]+\\]", "");
    }

    private String size(JsonNode v, String path) {
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt() && v.intValue() >= 1 && v.intValue() <= 9999) {
            return Integer.toString(v.intValue());
        }
        if (v.isTextual() && v.textValue().matches("[1-9][0-9]?%|[1-9][0-9]{0,3}")) {
            return v.textValue();
        }
        problem(path, "expected cells (a number like 30) or a percentage like \"30%\" (1-99), not " + shown(v));
        return null;
    }

    private List<String> command(JsonNode v, String path) {
        if (v == null) {
            return null;
        }
        List<String> words = new ArrayList<>();
        if (v.isTextual()) {
            try {
                words.addAll(CommandSplitter.split(v.textValue()));
            } catch (IllegalArgumentException e) {
                problem(path, "expected a command line like \"make watch\" (" + e.getMessage() + ")");
                return null;
            }
        } else if (v.isArray()) {
            for (JsonNode w : v) {
                if (!w.isTextual()) {
                    words.clear();
                    break;
                }
                words.add(w.textValue());
            }
        }
        if (words.isEmpty()) {
            problem(path, "expected a command line like \"make watch\" or an array of words like [\"make\", \"watch\"],"
                    + " not " + shown(v));
            return null;
        }
        return List.copyOf(words);
    }

    private List<String> strings(JsonNode v, String path) {
        if (v == null) {
            return List.of();
        }
        if (v.isTextual()) {
            return List.of(v.textValue());
        }
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode s : v) {
                if (!s.isTextual()) {
                    out = null;
                    break;
                }
                out.add(s.textValue());
            }
            if (out != null) {
                return List.copyOf(out);
            }
        }
        problem(path, "expected a line to type, or an array of them, not " + shown(v));
        return List.of();
    }

    private String text(JsonNode table, String key, String path) {
        JsonNode v = table.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || v.textValue().isEmpty()) {
            problem(path, "expected a value in quotes, not " + shown(v));
            return null;
        }
        return v.textValue();
    }

    private String directory(String text, String relativeTo) {
        String t = text;
        if (t.equals("~") || t.startsWith("~/")) {
            t = home + t.substring(1);
        }
        return Path.of(relativeTo).resolve(t).normalize().toString();
    }

    private void unknownKeys(JsonNode table, String path, List<String> known) {
        for (Iterator<String> it = table.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                String near = NearMiss.closest(key, known);
                String at = path.isEmpty() ? key : path + "." + key;
                problems.add(file + ":" + where.line(at) + ": " + at + ": unknown key; "
                        + (near != null ? "did you mean \"" + near + "\"?" : "the keys here are " + String.join(", ", known)));
            }
        }
    }

    private void problem(String path, String what) {
        problems.add(file + ":" + where.line(path) + ": " + path + ": " + what);
    }

    /** {@code NAME.toml}'s NAME; for {@code .scarab.toml}, its directory's name. */
    private String defaultName() {
        String f = file.getFileName().toString();
        String name = f.equals(".scarab.toml") ? String.valueOf(file.toAbsolutePath().getParent().getFileName())
                : f.endsWith(".toml") ? f.substring(0, f.length() - 5) : f;
        return name.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private static String shown(JsonNode value) {
        return scarab.protocol.ConfigCheck.shown(value);
    }
}
