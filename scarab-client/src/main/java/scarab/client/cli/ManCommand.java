package scarab.client.cli;

import java.time.LocalDate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Spec;
import scarab.client.ClientContext;
import scarab.protocol.Version;

/** {@code scarab man}: the scarab(1) manual page in roff, generated from the same model as --help. */
@Command(name = "man", hidden = true, description = "Print the scarab(1) manual page (roff).")
public final class ManCommand implements Runnable {
    private final ClientContext ctx;

    @Spec
    CommandSpec spec;

    public ManCommand(ClientContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void run() {
        CommandSpec root = spec.root();
        StringBuilder m = new StringBuilder();
        m.append(".TH SCARAB 1 \"").append(LocalDate.now()).append("\" \"scarab ").append(Version.get())
                .append("\" \"User Commands\"\n");
        m.append(".SH NAME\nscarab \\- terminal sessions that outlive your terminal and the daemon\n");
        m.append(".SH SYNOPSIS\n.B scarab\n[\\fB\\-S\\fR \\fIPATH\\fR] [\\fB\\-\\-no\\-start\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n");
        m.append(".SH DESCRIPTION\n").append(esc(String.join(" ", root.usageMessage().description()))).append('\n');
        m.append(".PP\nA daemon owns named sessions, each a process on a pseudo-terminal, keeps an exact picture of"
                + " every screen, remembers every session in SQLite and restores them after a restart. Any command"
                + " starts the daemon when none is running.\n");
        m.append(".PP\n").append(esc("A TARGET is a session name, a full id, or a unique prefix of an id; a name wins"
                + " over an id prefix. Names are 1 to 64 letters, digits, '.', '_' and '-', not starting with '-',"
                + " and neither . nor ..")).append(".\n");
        m.append(".SH GLOBAL OPTIONS\n");
        options(m, root);
        m.append(".SH COMMANDS\n");
        commands(m, root);
        m.append(".SH KEYS\nWhile attached: \\fBCtrl\\-b d\\fR detaches; \\fBCtrl\\-b Ctrl\\-b\\fR sends a literal"
                + " Ctrl\\-b. Change them with \\fB\\-\\-detach\\-keys\\fR, \\fBSCARAB_DETACH_KEYS\\fR or"
                + " \\fBdetach\\-keys\\fR in the configuration file.\n");
        m.append(".SH FILES\n.TP\n$XDG_RUNTIME_DIR/scarab/scarab.sock\nThe daemon's socket (else /tmp/scarab\\-UID/).\n"
                + ".TP\n$XDG_DATA_HOME/scarab/sessions.db\nSessions and their history (SQLite).\n"
                + ".TP\n$XDG_CONFIG_HOME/scarab/config.toml\nConfiguration.\n"
                + ".TP\n$XDG_STATE_HOME/scarab/daemon.log\nThe daemon's log.\n"
                + ".TP\n$XDG_STATE_HOME/scarab/daemon.out\nWhat each daemon the client started wrote before its log"
                + " was set up (its errors), every start's output after the last.\n");
        m.append(".SH CONFIGURATION\n").append(esc("$XDG_CONFIG_HOME/scarab/config.toml (default"
                + " ~/.config/scarab/config.toml), TOML; every key is optional. A bad key or value is reported with"
                + " its line and the daemon uses that key's default; scarab config check lists every problem."))
                .append('\n');
        for (String[] key : CONFIG_KEYS) {
            m.append(".TP\n\\fB").append(esc(key[0])).append("\\fR = \\fI").append(esc(key[1])).append("\\fR\n")
                    .append(esc(key[2])).append('\n');
        }
        m.append(".SH ENVIRONMENT\n.TP\nSCARAB_SOCKET\nThe socket path.\n.TP\nSCARAB_DETACH_KEYS\nThe detach keys.\n"
                + ".TP\nSCARAB_DIRECT\n").append(esc("0: output and keys of attach travel through the client instead"
                + " of the daemon writing to your terminal itself (slower; for a client in another container, or to"
                + " find which way misbehaves)."))
                .append("\n.TP\nSCARAB_SESSION, SCARAB_SESSION_ID\nSet inside sessions to the session's name and id.\n"
                + ".TP\nNO_COLOR\nls prints no colours.\n"
                + ".TP\nXDG_RUNTIME_DIR, XDG_DATA_HOME, XDG_STATE_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME\n"
                + "Where the socket, the database, the log, the config file and the native libraries are.\n");
        m.append(".SH EXIT STATUS\n.TP\n0\nSuccess.\n.TP\n1\n").append(esc("A failure: no such session, a name"
                + " already taken, no daemon with --no-start, the daemon could not be started..."))
                .append("\n.TP\n2\n").append(esc("A usage mistake: an unknown command or option, a missing or extra"
                + " argument, a bad value (a name, a size, a line number), options that cannot go together; also a"
                + " bare scarab (the help goes to stderr)."))
                .append("\n.PP\n").append(esc("scarab wait exits with the session's own exit status."))
                .append('\n');
        m.append(".SH SEE ALSO\n\\fBtmux\\fR(1), \\fBsystemctl\\fR(1)\n");
        ctx.out().print(m);
        ctx.out().flush();
    }

    /** The keys of config.toml: name, example value, meaning (kept beside README's list). */
    private static final String[][] CONFIG_KEYS = {
        {"default-command", "\"/bin/zsh -l\"", "What new sessions run without -c: a command line (split like -c)"
                + " or an array of words. Default: your $SHELL as a login shell."},
        {"history-limit", "10000", "History lines kept per session (0 to 1000000)."},
        {"scrollback", "10000", "The older name of history-limit, still read (set one of the two)."},
        {"history-bytes", "\"16MB\"", "The memory those history lines may take per session (KB, MB, GB; 1024-based);"
                + " past it the oldest lines go to disk."},
        {"history-disk", "\"256MB\"", "The disk those older lines may take per session, compressed; past it the"
                + " oldest go. \"0\" keeps none on disk. capture -S - reads them back."},
        {"detach-keys", "\"ctrl-b,d\"", "The keys that detach an attached client: a prefix and a key, or one key."
                + " The prefix is also the prefix of the window and pane keys."},
        {"status", "\"auto\"", "The status line on the last row of attached clients: on, off, or auto (only when"
                + " a session has more than one window or pane)."},
        {"remain-on-exit", "false", "A pane whose program ends stays on screen, dead, with its exit status, until"
                + " respawn-pane starts it again or kill-pane closes it (true), or closes at once (false). A"
                + " session's last running pane ends the session either way."},
        {"snapshot-interval", "\"2s\"", "How often changed screens are saved."},
        {"restore", "\"eager\"", "What a new daemon does with the sessions of the last one: eager (start them"
                + " again at once), lazy (when first used) or none (keep them stopped)."},
        {"cleanup-exited-after", "\"7d\"", "Remove exited sessions this long after they exited (default: never)."},
        {"cleanup-detached-after", "\"30d\"", "Remove running sessions nobody attached to for this long (default:"
                + " never)."},
        {"log-level", "\"info\"", "error, warn, info, debug or trace."},
        {"max-sessions", "2000", "The most sessions the daemon holds."},
        {"max-clients-per-session", "64", "The most clients attached to one session."},
        {"repeat-time", "\"500ms\"", "After a repeatable key (the arrows and resize keys after the prefix, or a"
                + " [keys] binding marked -r), more of them need no prefix for this long."},
        {"mode-keys", "\"emacs\"", "Copy mode's keys: emacs or vi, as tmux's mode-keys (default: vi when"
                + " $VISUAL, or else $EDITOR, of the daemon names a program with vi in its name, else emacs)."},
        {"set-clipboard", "true", "A copy in copy mode also goes to the outer terminal's clipboard with OSC 52"
                + " (as tmux's set-clipboard on); false keeps it in the paste buffer only."},
        {"mouse", "false", "As tmux's mouse option (true or \"on\"): a click selects a pane, or a window in the"
                + " status line; dragging a border resizes; the wheel goes to a program that asked for the mouse,"
                + " else scrolls back (copy mode). Mouse reports reach a program only where it asked for them."},
        {"keys", "[keys]", "A table of the prefix key bindings: a key in tmux's names and the command line it runs"
                + " (\"M-h\" = \"select-pane -L\"; a leading -r makes it repeatable; \"\" unbinds it)."},
        {"hooks", "[hooks]", "A table of commands run on events, as tmux's set-hook: an event type of scarab events"
                + " and a command line whose words are formats of the event's fields (session-created ="
                + " \"run-shell -b 'notify-send #{hook_session_name}'\")."},
        {"hosts", "[\"build01\", \"me@build02\"]", "The machines scarab ls --hosts lists when given no list of its"
                + " own, named as ssh takes them (default: none)."},
    };

    /** Every visible command once (its aliases beside its name), then its own subcommands. */
    private static void commands(StringBuilder m, CommandSpec parent) {
        java.util.Set<CommandLine> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (CommandLine sub : parent.subcommands().values()) {
            CommandSpec c = sub.getCommandSpec();
            if (c.usageMessage().hidden() || !seen.add(sub)) {
                continue;
            }
            String heading = c.qualifiedName();
            if (c.aliases().length > 0) {
                heading += " (also " + String.join(", ", c.aliases()) + ")";
            }
            m.append(".SS ").append(esc(heading)).append('\n');
            m.append(esc(String.join(" ", c.usageMessage().description()))).append('\n');
            for (PositionalParamSpec p : c.positionalParameters()) {
                m.append(".TP\n\\fI").append(esc(p.paramLabel())).append("\\fR\n")
                        .append(esc(String.join(" ", p.description()))).append('\n');
            }
            options(m, c);
            commands(m, c);
        }
    }

    private static void options(StringBuilder m, CommandSpec c) {
        for (OptionSpec o : c.options()) {
            if (o.hidden()) {
                continue;
            }
            m.append(".TP\n\\fB").append(esc(String.join(", ", o.names()))).append("\\fR");
            if (o.arity().max() > 0 && !o.paramLabel().isEmpty() && !isBoolean(o)) {
                m.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
            }
            m.append('\n').append(esc(String.join(" ", o.description()))).append('\n');
        }
    }

    private static boolean isBoolean(ArgSpec a) {
        Class<?> t = a.type();
        return t == boolean.class || t == Boolean.class;
    }

    private static String esc(String s) {
        String out = s.replace("\\", "\\e").replace("-", "\\-");
        return out.startsWith(".") || out.startsWith("'") ? "\\&" + out : out;
    }
}
