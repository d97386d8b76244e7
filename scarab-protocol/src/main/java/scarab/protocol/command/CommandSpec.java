package scarab.protocol.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One command as tmux's {@code cmd_entry} declares it: a name, its aliases, its flags (a getopt
 * template such as {@code "bdfhvl:t:c:C:"}, each flag described), how many positional arguments
 * it takes, a one-line summary and help. Usage lines, {@code --help}, completion and the parser
 * ({@link CommandLine#parse}) all follow from it, so a command is written down once. Immutable.
 */
public final class CommandSpec {
    /** {@link #maxArgs()} of a command that takes any number of arguments. */
    public static final int UNBOUNDED = -1;

    private final String name;
    private final List<String> aliases;
    private final List<FlagSpec> flags;
    private final int minArgs;
    private final int maxArgs;
    private final String argsLabel;
    private final String argsDescription;
    private final String summary;
    private final String help;
    private final boolean readsStdin;

    private CommandSpec(Builder b) {
        this.name = b.name;
        this.aliases = List.copyOf(b.aliases);
        List<FlagSpec> ordered = new ArrayList<>();
        for (FlagSpec f : b.flags) {
            if (f.letter() != 0) {
                ordered.add(f);
            }
        }
        for (FlagSpec f : b.flags) {
            if (f.longName() != null) {
                ordered.add(f);
            }
        }
        this.flags = List.copyOf(ordered);
        this.minArgs = b.minArgs;
        this.maxArgs = b.maxArgs;
        this.argsLabel = b.argsLabel;
        this.argsDescription = b.argsDescription;
        this.summary = b.summary;
        this.help = b.help;
        this.readsStdin = b.readsStdin;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** tmux's short names: {@code splitw} for {@code split-window}. */
    public List<String> aliases() {
        return aliases;
    }

    /** Every flag, letters in template order, then the long ones. */
    public List<FlagSpec> flags() {
        return flags;
    }

    /** The flag of this letter, or null. */
    public FlagSpec flag(char letter) {
        for (FlagSpec f : flags) {
            if (f.letter() == letter) {
                return f;
            }
        }
        return null;
    }

    /** The long flag of this name (without dashes), or null. */
    public FlagSpec longFlag(String longName) {
        for (FlagSpec f : flags) {
            if (longName.equals(f.longName())) {
                return f;
            }
        }
        return null;
    }

    /** The getopt template of the letter flags: {@code "bdfhvl:t:c:C:"}. */
    public String template() {
        StringBuilder t = new StringBuilder();
        for (FlagSpec f : flags) {
            if (f.letter() != 0) {
                t.append(f.letter());
                if (f.takesValue()) {
                    t.append(':');
                }
            }
        }
        return t.toString();
    }

    public int minArgs() {
        return minArgs;
    }

    /** The most positional arguments, or {@link #UNBOUNDED}. */
    public int maxArgs() {
        return maxArgs;
    }

    /** How the positional arguments read in the usage line ({@code [format]}), or null for none. */
    public String argsLabel() {
        return argsLabel;
    }

    public String summary() {
        return summary;
    }

    /**
     * A positional argument {@code -} names the client's standard input ({@code load-buffer -}):
     * the client reads it and sends it with the command, since the daemon cannot read it.
     */
    public boolean readsStdin() {
        return readsStdin;
    }

    /**
     * The usage after the name, as tmux writes it: the flags without a value in one bracket
     * (sorted as tmux sorts them: by letter, capital first), then each flag with a value, then
     * the long flags and the arguments: {@code [-bdfhv] [-l size] [-t target-pane] [-c command]}.
     */
    public String usage() {
        List<Character> letters = new ArrayList<>();
        for (FlagSpec f : flags) {
            if (f.letter() != 0 && !f.takesValue()) {
                letters.add(f.letter());
            }
        }
        letters.sort(Comparator.comparing((Character c) -> Character.toLowerCase(c)).thenComparing(c -> c));
        StringBuilder u = new StringBuilder();
        if (!letters.isEmpty()) {
            u.append("[-");
            letters.forEach(u::append);
            u.append(']');
        }
        for (FlagSpec f : flags) {
            if (f.takesValue()) {
                space(u).append("[-").append(f.letter()).append(' ').append(f.valueLabel()).append(']');
            }
        }
        for (FlagSpec f : flags) {
            if (f.longName() != null) {
                space(u).append("[--").append(f.longName()).append(']');
            }
        }
        if (argsLabel != null) {
            space(u).append(argsLabel);
        }
        return u.toString();
    }

    /** {@code usage: split-window [-bdfhv] ...}, the line tmux prints for a malformed command. */
    public String usageLine() {
        String usage = usage();
        return "usage: " + name + (usage.isEmpty() ? "" : " " + usage);
    }

    /** The whole help: usage, aliases, summary, one line per flag and argument, then the notes. */
    public String help() {
        StringBuilder h = new StringBuilder(usageLine()).append('\n');
        if (!aliases.isEmpty()) {
            h.append("alias: ").append(String.join(", ", aliases)).append('\n');
        }
        h.append('\n').append(summary).append('\n');
        List<String[]> rows = new ArrayList<>();
        for (FlagSpec f : flags) {
            rows.add(new String[] {f.name() + (f.takesValue() ? " " + f.valueLabel() : ""), f.description()});
        }
        if (argsLabel != null && argsDescription != null) {
            rows.add(new String[] {argsLabel, argsDescription});
        }
        if (!rows.isEmpty()) {
            int width = 0;
            for (String[] r : rows) {
                width = Math.max(width, r[0].length());
            }
            h.append('\n');
            for (String[] r : rows) {
                h.append("  ").append(r[0]).append(" ".repeat(width - r[0].length() + 2)).append(r[1]).append('\n');
            }
        }
        if (!help.isEmpty()) {
            h.append('\n').append(help).append('\n');
        }
        return h.toString();
    }

    private static StringBuilder space(StringBuilder b) {
        return b.length() == 0 ? b : b.append(' ');
    }

    @Override
    public String toString() {
        return usageLine();
    }

    /** Builds a spec; {@link #build} checks it (no flag twice, every flag described). */
    public static final class Builder {
        private final String name;
        private final List<String> aliases = new ArrayList<>();
        private final List<FlagSpec> flags = new ArrayList<>();
        private int minArgs;
        private int maxArgs;
        private String argsLabel;
        private String argsDescription;
        private String summary;
        private String help = "";
        private boolean readsStdin;

        private Builder(String name) {
            this.name = name;
        }

        public Builder alias(String alias) {
            aliases.add(alias);
            return this;
        }

        public Builder summary(String text) {
            this.summary = text;
            return this;
        }

        public Builder help(String text) {
            this.help = text;
            return this;
        }

        /** A flag without a value: {@code -d}. */
        public Builder flag(char letter, String description) {
            return add(new FlagSpec(letter, null, null, description, null));
        }

        /** A flag with a value: {@code -l size}. */
        public Builder value(char letter, String label, String description) {
            return add(new FlagSpec(letter, null, label, description, null));
        }

        /** A target flag: {@code -t target-pane}. */
        public Builder target(char letter, TargetKind kind, String description) {
            return target(letter, kind, kind.label(), description);
        }

        /** A target flag with its own label: {@code -s src-pane}. */
        public Builder target(char letter, TargetKind kind, String label, String description) {
            return add(new FlagSpec(letter, null, label, description, kind));
        }

        /** A long flag without a value: {@code --json}. */
        public Builder longFlag(String longName, String description) {
            return add(new FlagSpec((char) 0, longName, null, description, null));
        }

        /** A positional {@code -} is the client's standard input, sent with the command. */
        public Builder readsStdin() {
            this.readsStdin = true;
            return this;
        }

        /** Positional arguments: at least {@code min}, at most {@code max} ({@link #UNBOUNDED}). */
        public Builder args(int min, int max, String label, String description) {
            this.minArgs = min;
            this.maxArgs = max;
            this.argsLabel = label;
            this.argsDescription = description;
            return this;
        }

        private Builder add(FlagSpec f) {
            if (f.letter() != 0 && !Character.isLetterOrDigit(f.letter())) {
                throw new IllegalArgumentException(name + ": a flag is a letter or digit, not " + f.letter());
            }
            for (FlagSpec g : flags) {
                if (f.letter() != 0 && g.letter() == f.letter()
                        || f.longName() != null && f.longName().equals(g.longName())) {
                    throw new IllegalArgumentException(name + ": flag " + f.name() + " declared twice");
                }
            }
            if ("help".equals(f.longName())) {
                throw new IllegalArgumentException(name + ": --help belongs to every command");
            }
            flags.add(f);
            return this;
        }

        public CommandSpec build() {
            if (summary == null || summary.isBlank()) {
                throw new IllegalArgumentException(name + " has no summary");
            }
            if (minArgs < 0 || maxArgs != UNBOUNDED && maxArgs < minArgs) {
                throw new IllegalArgumentException(name + ": bad argument counts " + minArgs + ".." + maxArgs);
            }
            if ((maxArgs != 0) != (argsLabel != null)) {
                throw new IllegalArgumentException(name + ": arguments need a label, and a label arguments");
            }
            return new CommandSpec(this);
        }
    }
}
