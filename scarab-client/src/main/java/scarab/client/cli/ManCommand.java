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
        m.append(".SH GLOBAL OPTIONS\n");
        options(m, root);
        m.append(".SH COMMANDS\n");
        for (CommandLine sub : root.subcommands().values()) {
            CommandSpec c = sub.getCommandSpec();
            if (c.usageMessage().hidden() || !c.name().equals(sub.getCommandName())) {
                continue;
            }
            m.append(".SS ").append(esc(c.qualifiedName())).append('\n');
            m.append(esc(String.join(" ", c.usageMessage().description()))).append('\n');
            for (PositionalParamSpec p : c.positionalParameters()) {
                m.append(".TP\n\\fI").append(esc(p.paramLabel())).append("\\fR\n")
                        .append(esc(String.join(" ", p.description()))).append('\n');
            }
            options(m, c);
        }
        m.append(".SH KEYS\nWhile attached: \\fBCtrl\\-b d\\fR detaches; \\fBCtrl\\-b Ctrl\\-b\\fR sends a literal"
                + " Ctrl\\-b. Change them with \\fB\\-\\-detach\\-keys\\fR, \\fBSCARAB_DETACH_KEYS\\fR or"
                + " \\fBdetach\\-keys\\fR in the configuration file.\n");
        m.append(".SH FILES\n.TP\n$XDG_RUNTIME_DIR/scarab/scarab.sock\nThe daemon's socket (else /tmp/scarab\\-UID/).\n"
                + ".TP\n$XDG_DATA_HOME/scarab/sessions.db\nSessions and their history (SQLite).\n"
                + ".TP\n$XDG_CONFIG_HOME/scarab/config.toml\nConfiguration.\n"
                + ".TP\n$XDG_STATE_HOME/scarab/daemon.log\nThe daemon's log.\n");
        m.append(".SH ENVIRONMENT\n.TP\nSCARAB_SOCKET\nThe socket path.\n.TP\nSCARAB_DETACH_KEYS\nThe detach keys.\n"
                + ".TP\nSCARAB_SESSION, SCARAB_SESSION_ID\nSet inside sessions to the session's name and id.\n");
        m.append(".SH SEE ALSO\n\\fBtmux\\fR(1), \\fBsystemctl\\fR(1)\n");
        ctx.out().print(m);
        ctx.out().flush();
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
