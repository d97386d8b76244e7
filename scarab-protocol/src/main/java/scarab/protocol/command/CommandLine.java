package scarab.protocol.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's words parsed against its {@link CommandSpec}, with tmux's getopt rules
 * ({@code arguments.c}, {@code args_parse}): flags come before the arguments; a word {@code -hd}
 * is several flags; a flag's value is the rest of its word ({@code -l50%}, {@code -tfoo}) or else
 * the next word, whatever it looks like ({@code -t -h} gives {@code -t} the value {@code -h});
 * {@code --} ends the flags and is dropped; a lone {@code -} or any other word ends them and is
 * the first argument. A flag given twice counts twice, and a value flag given twice keeps both
 * values, of which {@link #value} is the last (tmux's {@code args_get}). Beyond tmux: long flags
 * ({@code --json}) among the flags, and {@code --help} for every command, which stops the parse
 * (a {@code rename-window --help} is not missing its name). Immutable.
 */
public final class CommandLine {
    private final CommandSpec spec;
    private final Map<Character, Integer> counts;
    private final Map<Character, List<String>> values;
    private final Set<String> longFlags;
    private final List<String> args;
    private final boolean helpRequested;

    private CommandLine(CommandSpec spec, Map<Character, Integer> counts, Map<Character, List<String>> values,
                        Set<String> longFlags, List<String> args, boolean helpRequested) {
        this.spec = spec;
        this.counts = Collections.unmodifiableMap(counts);
        this.values = Collections.unmodifiableMap(values);
        this.longFlags = Collections.unmodifiableSet(longFlags);
        this.args = List.copyOf(args);
        this.helpRequested = helpRequested;
    }

    /**
     * Parses the words after the command's name.
     *
     * @throws UsageError with tmux's cause ({@code unknown flag -X}, {@code -l expects an
     *     argument}, {@code too many arguments (need at most 0)}) and the usage line
     */
    public static CommandLine parse(CommandSpec spec, List<String> words) {
        Map<Character, Integer> counts = new LinkedHashMap<>();
        Map<Character, List<String>> values = new LinkedHashMap<>();
        Set<String> longFlags = new HashSet<>();
        int i = 0;
        while (i < words.size()) {
            String w = words.get(i);
            if (w == null) {
                throw new UsageError(spec, "argument " + (i + 1) + " is missing");
            }
            if (w.length() < 2 || w.charAt(0) != '-') {
                break; // an argument, or a lone "-", which is one
            }
            i++;
            if (w.equals("--")) {
                break;
            }
            if (w.startsWith("--")) {
                String name = w.substring(2);
                if (name.equals("help")) {
                    return new CommandLine(spec, counts, values, longFlags, List.of(), true);
                }
                if (spec.longFlag(name) == null) {
                    throw new UsageError(spec, "unknown flag " + w);
                }
                longFlags.add(name);
                continue;
            }
            for (int j = 1; j < w.length(); j++) {
                char c = w.charAt(j);
                if (c == '?') {
                    throw new UsageError(spec, null);
                }
                if (!isAlnum(c)) {
                    throw new UsageError(spec, "invalid flag -" + c);
                }
                FlagSpec f = spec.flag(c);
                if (f == null) {
                    throw new UsageError(spec, "unknown flag -" + c);
                }
                counts.merge(c, 1, Integer::sum);
                if (!f.takesValue()) {
                    continue;
                }
                String value;
                if (j + 1 < w.length()) {
                    value = w.substring(j + 1);
                } else if (i < words.size() && words.get(i) != null) {
                    value = words.get(i++);
                } else {
                    throw new UsageError(spec, "-" + c + " expects an argument");
                }
                values.computeIfAbsent(c, k -> new ArrayList<>()).add(value);
                break;
            }
        }
        List<String> args = new ArrayList<>();
        for (; i < words.size(); i++) {
            if (words.get(i) == null) {
                throw new UsageError(spec, "argument " + (i + 1) + " is missing");
            }
            args.add(words.get(i));
        }
        if (args.size() < spec.minArgs()) {
            throw new UsageError(spec, "too few arguments (need at least " + spec.minArgs() + ")");
        }
        if (spec.maxArgs() != CommandSpec.UNBOUNDED && args.size() > spec.maxArgs()) {
            throw new UsageError(spec, "too many arguments (need at most " + spec.maxArgs() + ")");
        }
        return new CommandLine(spec, counts, values, longFlags, args, false);
    }

    /** tmux's getopt takes ASCII letters and digits only ({@code isalnum} in the C locale). */
    private static boolean isAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    public CommandSpec spec() {
        return spec;
    }

    /** {@code --help} was among the flags: print {@link CommandSpec#help()} and do nothing else. */
    public boolean helpRequested() {
        return helpRequested;
    }

    public boolean has(char flag) {
        return counts.containsKey(flag);
    }

    /** How many times the flag was given (tmux's {@code args_has}). */
    public int count(char flag) {
        return counts.getOrDefault(flag, 0);
    }

    /** The flag's last value, or null when it was not given (tmux's {@code args_get}). */
    public String value(char flag) {
        List<String> v = values.get(flag);
        return v == null ? null : v.get(v.size() - 1);
    }

    /** Every value the flag was given, in order. */
    public List<String> values(char flag) {
        List<String> v = values.get(flag);
        return v == null ? List.of() : List.copyOf(v);
    }

    /** A long flag ({@code json} for {@code --json}) was given. */
    public boolean has(String longFlag) {
        return longFlags.contains(longFlag);
    }

    /** The positional arguments. */
    public List<String> args() {
        return args;
    }

    /** The argument at {@code index}, or null when there are fewer. */
    public String arg(int index) {
        return index < args.size() ? args.get(index) : null;
    }

    /**
     * The words were not a valid use of the command. {@link #getMessage()} is what tmux prints:
     * {@code command split-window: unknown flag -X}, or the usage line when there is no cause.
     */
    public static final class UsageError extends RuntimeException {
        private final transient CommandSpec spec;
        private final String cause;

        public UsageError(CommandSpec spec, String cause) {
            super(cause == null ? spec.usageLine() : "command " + spec.name() + ": " + cause, null, false, false);
            this.spec = spec;
            this.cause = cause;
        }

        public CommandSpec spec() {
            return spec;
        }

        /** What was wrong ({@code unknown flag -X}), or null for a bare usage error ({@code -?}). */
        public String reason() {
            return cause;
        }

        /** {@code usage: NAME ...}. */
        public String usageLine() {
            return spec.usageLine();
        }
    }
}
