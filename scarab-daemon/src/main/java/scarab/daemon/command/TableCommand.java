package scarab.daemon.command;

import scarab.protocol.command.Caller;
import scarab.protocol.command.CommandLine;

/**
 * The daemon's half of a table command (the spec, in {@code scarab.protocol.command.CommandTable},
 * is the other): runs a command line already parsed against its spec. One class per command,
 * registered by name in {@link TableCommands}. Throw {@link scarab.daemon.UserError} for anything
 * the user must be told (its message goes to the client's stderr, the status is 1, as tmux's
 * {@code cmdq_error}); write what the command prints to {@code out}.
 */
public interface TableCommand {
    void run(CommandLine line, Caller caller, Output out);

    /**
     * With the client's standard input, sent when the spec {@code readsStdin()} and a {@code -}
     * was given (else null); the commands that read it ({@code load-buffer -}) override this.
     */
    default void run(CommandLine line, Caller caller, byte[] stdin, Output out) {
        run(line, caller, out);
    }

    /**
     * When this command line is a key's, the part of it that may run on the thread that read the
     * key ({@link scarab.daemon.session.KeyCommands.AtOnce}); null, the default, when it runs in
     * its turn on the key commands' thread. A command that cannot tell at once (its target is not
     * ready, or the line is wrong) answers null: the usual run then does it, or says what is wrong.
     */
    default scarab.daemon.session.KeyCommands.AtOnce atOnce(CommandLine line, Caller caller) {
        return null;
    }

    /** What a command prints and how it ends; one per run, used by one thread. */
    final class Output {
        private final StringBuilder stdout = new StringBuilder();
        private final StringBuilder stderr = new StringBuilder();
        private int status;

        /** A line for standard output (tmux's {@code cmdq_print}). */
        public void println(String line) {
            stdout.append(line).append('\n');
        }

        /** Text for standard output as it is, with no newline added. */
        public void print(String text) {
            stdout.append(text);
        }

        /** A line for standard error that does not fail the command. */
        public void errorln(String line) {
            stderr.append(line).append('\n');
        }

        /** The exit status, when it is not 0 and nothing was thrown. */
        public void status(int exitStatus) {
            this.status = exitStatus;
        }

        public String stdout() {
            return stdout.toString();
        }

        public String stderr() {
            return stderr.toString();
        }

        public int status() {
            return status;
        }
    }
}
