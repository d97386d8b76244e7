package scarab.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import scarab.protocol.keys.KeyBindings;

/**
 * A config file read and checked: the settings it gets right ({@link #config}) and one line per
 * problem, each naming the file, the line and the key, in plain words (what was expected, what
 * was found, the key meant by a near miss). Every problem is found in one reading, so one run of
 * {@code scarab config check} lists them all. A bad key leaves its setting at the default; a file
 * that is not TOML at all leaves every setting at the default.
 */
public record ConfigCheck(Path file, ScarabConfig config, List<String> problems, boolean unreadable) {

    /** Built on first use only: without a config file (the usual case) no client pays for databind. */
    /** A TOML value as an error message shows it: a string quoted, an array as written, a table as "a table". */
    public static String shown(JsonNode value) {
        if (value == null) {
            return "nothing";
        }
        if (value.isTextual()) {
            return "\"" + value.textValue() + "\"";
        }
        if (value.isArray()) {
            return "an array " + value;
        }
        if (value.isObject()) {
            return "a table";
        }
        return value.toString();
    }

    private static final class Toml {
        static final ObjectMapper MAPPER = TomlMapper.builder().build();
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** The problems as the daemon and the client show them: each says what is used instead. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (String p : problems) {
            out.add(p + (unreadable ? " (every setting is at its default)" : " (its default is used)"));
        }
        return out;
    }

    /** Reads and checks {@code file}; a missing file is the empty config with no problem. */
    public static ConfigCheck of(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return new ConfigCheck(file, ScarabConfig.EMPTY, List.of(), false);
        } catch (IOException e) {
            return unreadable(file, file + ": cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = Toml.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            return unreadable(file, file + (line > 0 ? ":" + line : "") + ": not valid TOML: " + firstLine(e.getOriginalMessage()));
        }
        return new Reader(file, text).read(root);
    }

    private static ConfigCheck unreadable(Path file, String problem) {
        return new ConfigCheck(file, ScarabConfig.EMPTY, List.of(problem), true);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** One reading: the values accepted so far and the problems found so far. */
    private static final class Reader {
        private final Path file;
        private final String[] lines;
        private final Map<String, Object> values = new HashMap<>();
        private final List<String> problems = new ArrayList<>();

        Reader(Path file, String text) {
            this.file = file;
            this.lines = text.split("\n", -1);
        }

        ConfigCheck read(JsonNode root) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                JsonNode value = e.getValue();
                if (!ScarabConfig.KEYS.contains(key)) {
                    unknown(key, value);
                    continue;
                }
                String wrong = switch (key) {
                    case "default-command" -> accept(key, value, Values::command);
                    case "scrollback", "history-limit" ->
                            accept(key, value, v -> Values.number(v, 0, 1_000_000, "a number of lines"));
                    case "history-bytes", "history-disk" -> accept(key, value, Values::size);
                    case "detach-keys" -> accept(key, value, Values::detachKeys);
                    case "snapshot-interval" -> accept(key, value, v -> Values.duration(v, "\"500ms\", \"2s\" or \"1m\""));
                    case "cleanup-exited-after", "cleanup-detached-after" ->
                            accept(key, value, v -> Values.duration(v, "\"12h\" or \"7d\""));
                    case "restore" -> accept(key, value, v -> Values.oneOf(v, ScarabConfig.RESTORE_MODES));
                    case "log-level" -> accept(key, value, v -> Values.oneOf(v, ScarabConfig.LOG_LEVELS));
                    case "status" -> accept(key, value, v -> Values.oneOf(v, ScarabConfig.STATUS_MODES));
                    case "remain-on-exit", "mouse" -> accept(key, value, Values::bool);
                    case "repeat-time" -> accept(key, value, v -> Values.duration(v, "\"500ms\" or \"1s\""));
                    case "keys" -> keys(value);
                    case "hooks" -> hooks(value);
                    case "hosts" -> accept(key, value, Values::hosts);
                    case "mode-keys" -> accept(key, value, v -> Values.oneOf(v, ScarabConfig.MODE_KEYS));
                    case "set-clipboard" -> accept(key, value, Values::bool);
                    case "max-sessions" -> accept(key, value, v -> Values.number(v, 1, 100_000, "a number of sessions"));
                    case "max-clients-per-session" ->
                            accept(key, value, v -> Values.number(v, 1, 10_000, "a number of clients"));
                    default -> throw new IllegalStateException(key);
                };
                if (wrong != null) {
                    problems.add(file + ":" + lineOf(key) + ": " + key + ": expected " + wrong + ", not " + shown(value));
                }
            }
            if (values.containsKey("scrollback") && values.containsKey("history-limit")) {
                problems.add(file + ":" + lineOf("scrollback") + ": scrollback: expected only one of history-limit and"
                        + " scrollback (its older name); history-limit is used");
                values.remove("scrollback");
            }
            @SuppressWarnings("unchecked")
            Map<String, String> keys = (Map<String, String>) values.get("keys");
            @SuppressWarnings("unchecked")
            Map<String, String> hooks = (Map<String, String>) values.get("hooks");
            @SuppressWarnings("unchecked")
            List<String> command = (List<String>) values.get("default-command");
            @SuppressWarnings("unchecked")
            List<String> hosts = (List<String>) values.get("hosts");
            ScarabConfig c = new ScarabConfig(command, (Integer) values.get("scrollback"),
                    (String) values.get("detach-keys"), (String) values.get("snapshot-interval"),
                    (String) values.get("restore"), (String) values.get("cleanup-exited-after"),
                    (String) values.get("cleanup-detached-after"), (String) values.get("log-level"),
                    (Integer) values.get("max-sessions"), (Integer) values.get("max-clients-per-session"),
                    (Integer) values.get("history-limit"), (String) values.get("history-bytes"),
                    (String) values.get("history-disk"), (String) values.get("status"),
                    (Boolean) values.get("remain-on-exit"), (String) values.get("repeat-time"), keys,
                    (String) values.get("mode-keys"), (Boolean) values.get("set-clipboard"), (Boolean) values.get("mouse"),
                    hooks, hosts);
            return new ConfigCheck(file, c, List.copyOf(problems), false);
        }

        /**
         * The {@code [keys]} table: each entry checked on its own as {@link KeyBindings#bind} will
         * apply it; a wrong one is reported and left out (its key keeps its default binding).
         */
        private String keys(JsonNode table) {
            if (!table.isObject()) {
                return "a table: [keys] with lines like \"M-h\" = \"select-pane -L\"";
            }
            Map<String, String> good = new java.util.LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String where = file + ":" + lineOfEntry("keys", e.getKey()) + ": keys: \"" + e.getKey() + "\": ";
                if (!e.getValue().isTextual()) {
                    problems.add(where + "expected a command line in quotes like \"select-pane -L\" (\"\" unbinds),"
                            + " not " + shown(e.getValue()));
                    continue;
                }
                try {
                    KeyBindings.standard().bind(e.getKey(), e.getValue().textValue());
                    good.put(e.getKey(), e.getValue().textValue());
                } catch (IllegalArgumentException x) {
                    problems.add(where + x.getMessage());
                }
            }
            values.put("keys", java.util.Collections.unmodifiableMap(good));
            return null;
        }

        /**
         * The {@code [hooks]} table: event type = one command line, run when such an event is
         * published. Each entry is checked as a key binding's command is; a wrong one is
         * reported, naming its key, and left out.
         */
        private String hooks(JsonNode table) {
            if (!table.isObject()) {
                return "a table: [hooks] with lines like session-created = \"run-shell 'notify-send #{session_name}'\"";
            }
            Map<String, String> good = new java.util.LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String where = file + ":" + lineOfEntry("hooks", e.getKey()) + ": hooks: \"" + e.getKey() + "\": ";
                if (!EventTypes.ALL.contains(e.getKey())) {
                    String near = NearMiss.closest(e.getKey(), EventTypes.ALL);
                    problems.add(where + "no such event; " + (near != null ? "did you mean \"" + near + "\"?"
                            : "the events are " + String.join(", ", EventTypes.ALL)));
                    continue;
                }
                if (!e.getValue().isTextual() || e.getValue().textValue().isBlank()) {
                    problems.add(where + "expected a command line in quotes like \"run-shell 'make'\", not "
                            + shown(e.getValue()));
                    continue;
                }
                try {
                    List<String> words = CommandSplitter.split(e.getValue().textValue());
                    if (words.isEmpty()) {
                        throw new IllegalArgumentException("no command");
                    }
                    KeyBindings.check(words);
                    good.put(e.getKey(), e.getValue().textValue());
                } catch (IllegalArgumentException x) {
                    problems.add(where + x.getMessage());
                }
            }
            values.put("hooks", java.util.Collections.unmodifiableMap(good));
            return null;
        }

        /** The line of {@code entry} inside the {@code [section]} table (0 when not found). */
        private int lineOfEntry(String section, String entry) {
            int start = lineOfSection(section);
            for (int i = Math.max(0, start); i < lines.length; i++) {
                String l = lines[i].strip();
                for (String form : List.of("\"" + entry + "\"", "'" + entry + "'", entry)) {
                    if (l.startsWith(form) && l.substring(form.length()).stripLeading().startsWith("=")) {
                        return i + 1;
                    }
                }
            }
            return start;
        }

        /** Keeps the value when it is right; else returns what was expected. */
        private String accept(String key, JsonNode value, Function<JsonNode, Values.Result> check) {
            Values.Result r = check.apply(value);
            if (r.expected() != null) {
                return r.expected();
            }
            values.put(key, r.value());
            return null;
        }

        private void unknown(String key, JsonNode value) {
            if (value.isObject()) {
                int line = lineOfSection(key);
                problems.add(file + ":" + (line > 0 ? line : lineOf(key)) + ": [" + key + "]: no such table (there are"
                        + " [keys] and [hooks]); write the other keys at the top, before any [table]");
                return;
            }
            String near = NearMiss.closest(key, ScarabConfig.KEYS);
            problems.add(file + ":" + lineOf(key) + ": unknown key \"" + key + "\"; "
                    + (near != null ? "did you mean \"" + near + "\"?" : "the keys are " + String.join(", ", ScarabConfig.KEYS)));
        }

        /** The line a top-level key is set on ({@code key =}, quoted or not, or a dotted {@code key.x =}). */
        private int lineOf(String key) {
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].strip();
                for (String form : List.of(key, "\"" + key + "\"", "'" + key + "'")) {
                    if (l.startsWith(form)) {
                        String after = l.substring(form.length()).stripLeading();
                        if (after.startsWith("=") || after.startsWith(".")) {
                            return i + 1;
                        }
                    }
                }
            }
            return 0;
        }

        private int lineOfSection(String key) {
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].strip();
                if (l.startsWith("[")) {
                    String inside = l.replaceAll("^\\[+\\s*", "");
                    if (inside.startsWith(key) || inside.startsWith("\"" + key + "\"")) {
                        return i + 1;
                    }
                }
            }
            return 0;
        }

        private static String shown(JsonNode value) {
            return ConfigCheck.shown(value);
        }
    }

    /** The check of each kind of value: the value to keep, or what was expected. */
    private static final class Values {
        record Result(Object value, String expected) {
            static Result ok(Object value) {
                return new Result(value, null);
            }

            static Result expected(String what) {
                return new Result(null, what);
            }
        }

        static Result command(JsonNode v) {
            String expected = "a command line like \"/bin/zsh -l\" or an array of words like [\"/bin/zsh\", \"-l\"]";
            List<String> words = new ArrayList<>();
            if (v.isTextual()) {
                try {
                    words.addAll(CommandSplitter.split(v.textValue()));
                } catch (IllegalArgumentException e) {
                    return Result.expected(expected + " (" + e.getMessage() + ")");
                }
            } else if (v.isArray()) {
                for (JsonNode w : v) {
                    if (!w.isTextual() || w.textValue().isEmpty()) {
                        return Result.expected(expected);
                    }
                    words.add(w.textValue());
                }
            }
            return words.isEmpty() ? Result.expected(expected) : Result.ok(List.copyOf(words));
        }

        /**
         * The machines of {@code ls --hosts} without a list: names as ssh takes them (an alias of
         * ~/.ssh/config, {@code me@build01}); none may read as an option or hold a space or comma.
         */
        static Result hosts(JsonNode v) {
            String expected = "an array of host names as ssh takes them, like [\"build01\", \"me@build02\"]";
            if (!v.isArray() || v.isEmpty()) {
                return Result.expected(expected);
            }
            List<String> hosts = new ArrayList<>();
            for (JsonNode h : v) {
                if (!h.isTextual() || h.textValue().isEmpty() || h.textValue().startsWith("-")
                        || !h.textValue().matches("[^\\s,]+")) {
                    return Result.expected(expected + " (" + (h.isTextual() ? "\"" + h.textValue() + "\"" : h.toString())
                            + " is not one)");
                }
                if (!hosts.contains(h.textValue())) {
                    hosts.add(h.textValue());
                }
            }
            return Result.ok(List.copyOf(hosts));
        }

        static Result number(JsonNode v, int min, int max, String what) {
            String expected = what + " from " + min + " to " + max;
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
                return Result.expected(expected + " (without quotes)");
            }
            return Result.ok(v.intValue());
        }

        static Result size(JsonNode v) {
            if (!v.isTextual() || ScarabConfig.bytes(v.textValue()) == null) {
                return Result.expected("a size in quotes like \"16MB\" or \"500KB\", at most 64GB");
            }
            return Result.ok(v.textValue());
        }

        static Result duration(JsonNode v, String examples) {
            if (!v.isTextual() || ScarabConfig.duration(v.textValue()) == null) {
                return Result.expected("a duration in quotes like " + examples);
            }
            return Result.ok(v.textValue());
        }

        /** true or false; tmux's on and off too, as a tmux user writes them. */
        static Result bool(JsonNode v) {
            if (v.isBoolean()) {
                return Result.ok(v.booleanValue());
            }
            if (v.isTextual() && List.of("on", "off").contains(v.textValue().toLowerCase(Locale.ROOT))) {
                return Result.ok("on".equalsIgnoreCase(v.textValue()));
            }
            return Result.expected("true or false");
        }

        static Result oneOf(JsonNode v, List<String> choices) {
            String expected = String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1);
            if (!v.isTextual() || !choices.contains(v.textValue().toLowerCase(Locale.ROOT))) {
                return Result.expected(expected);
            }
            return Result.ok(v.textValue());
        }

        static Result detachKeys(JsonNode v) {
            String expected = "keys like \"ctrl-b,d\" or \"ctrl-\\\\\"";
            if (!v.isTextual()) {
                return Result.expected(expected);
            }
            try {
                DetachKeys.parse(v.textValue());
            } catch (IllegalArgumentException e) {
                return Result.expected(expected + " (a prefix, a comma, a key)");
            }
            return Result.ok(v.textValue());
        }
    }
}
