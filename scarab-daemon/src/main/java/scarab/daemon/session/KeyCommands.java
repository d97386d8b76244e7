package scarab.daemon.session;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.protocol.command.Caller;

/**
 * Runs the commands of keys bound after the prefix that the daemon read from a client's own
 * terminal: on one thread of their own, in the order typed, never on the poller thread that read
 * them (a command may start a process or wait for the disk). The daemon says at start what runs a
 * command line ({@link #runner}).
 */
public final class KeyCommands {
    private static final Logger log = LoggerFactory.getLogger(KeyCommands.class);
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scarab-key-commands");
        t.setDaemon(true);
        return t;
    });
    private static volatile BiConsumer<List<String>, Caller> runner;

    private KeyCommands() {}

    /** What runs a command line for a caller: the command table's handler. */
    public static void runner(BiConsumer<List<String>, Caller> run) {
        runner = run;
    }

    static void run(List<String> command, Caller caller) {
        BiConsumer<List<String>, Caller> r = runner;
        if (r == null) {
            return;
        }
        THREAD.execute(() -> {
            try {
                r.accept(command, caller);
            } catch (RuntimeException e) {
                log.warn("the key command {} failed: {}", command, e.toString());
            }
        });
    }
}
