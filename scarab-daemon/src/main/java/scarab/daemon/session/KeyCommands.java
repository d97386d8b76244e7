package scarab.daemon.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.protocol.command.Caller;
import scarab.protocol.keys.KeyBindings;

/**
 * Runs the command lines of keys typed on attached clients (bound keys, the prompts): on one
 * thread of their own, in the order typed, never on the poller that read them (a command may
 * start a process or wait for the disk). Typing in copy mode is read on this thread too
 * ({@link ClientKeys#typed}); the commands of its keys then run at once ({@link #runNow}). The daemon says at start what runs a command line
 * ({@link #runner}) and which keys are bound ({@link #configure}, from the config file); both are
 * set once, before any client attaches.
 */
public final class KeyCommands {
    private static final Logger log = LoggerFactory.getLogger(KeyCommands.class);
    /** tmux's default {@code repeat-time}. */
    public static final Duration DEFAULT_REPEAT_TIME = Duration.ofMillis(500);
    private static volatile Thread thread;
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scarab-key-commands");
        t.setDaemon(true);
        thread = t;
        return t;
    });
    private static volatile BiFunction<List<String>, Caller, String> runner;
    private static volatile BiFunction<List<String>, Caller, AtOnce> planner;
    private static volatile KeyBindings bindings = KeyBindings.standard();
    private static volatile long repeatNanos = DEFAULT_REPEAT_TIME.toNanos();

    private KeyCommands() {}

    /** What runs a command line for a caller: the command table's handler. It answers its error, or null. */
    public static void runner(BiFunction<List<String>, Caller, String> run) {
        runner = run;
    }

    /**
     * What finds the part of a key's command line that may run on the thread that read the key
     * ({@link AtOnce}); it answers null for every other command line.
     */
    public static void planner(BiFunction<List<String>, Caller, AtOnce> plan) {
        planner = plan;
    }

    /**
     * A key's command run by the thread that read the key, with no hand-off: what it does there
     * never waits for the disk, a process, or a lock held across either (the panes' locks, which
     * the poller takes for every read of output anyway, are held briefly); what may wait it hands
     * to the key commands' thread itself. switch-client -n/-p/-l is one: a person flipping
     * between sessions sees the other at once, not after a thread wakes, as tmux's single thread
     * shows it.
     */
    public interface AtOnce {
        void run();
    }

    /** The part of {@code command} to run at once on the reading thread, or null. Never throws. */
    static AtOnce plan(List<String> command, Caller caller) {
        BiFunction<List<String>, Caller, AtOnce> p = planner;
        if (p == null) {
            return null;
        }
        try {
            return p.apply(command, caller);
        } catch (RuntimeException e) {
            return null; // run the usual way, which reports what is wrong
        }
    }

    /** The prefix table and repeat-time of every client. */
    public static void configure(KeyBindings table, Duration repeatTime) {
        bindings = table;
        repeatNanos = repeatTime.toNanos();
    }

    /** The prefix table every client uses now (list-keys prints it). */
    public static KeyBindings bindings() {
        return bindings;
    }

    static long repeatNanos() {
        return repeatNanos;
    }

    /**
     * Runs a command line later, in order; {@code failed} hears its error message, if any, and
     * {@code done} runs after it whatever happened. The caller (the client's pane) is asked when
     * the command runs, as tmux finds a binding's target when it runs it: two keys typed at once
     * act one after the other ({@code C-b Left Left}).
     */
    static void run(List<String> command, Supplier<Caller> caller, Consumer<String> failed, Runnable done) {
        THREAD.execute(() -> {
            try {
                runNow(command, caller.get(), failed);
            } finally {
                done.run();
            }
        });
    }

    /** Runs a command line at once; only on this class's thread ({@link #onTheirThread}). */
    static void runNow(List<String> command, Caller caller, Consumer<String> failed) {
        BiFunction<List<String>, Caller, String> r = runner;
        try {
            String error = r == null ? null : r.apply(command, caller);
            if (error != null && !error.isBlank()) {
                failed.accept(error);
            }
        } catch (RuntimeException e) {
            log.warn("the key command {} failed: {}", command, e.toString());
            failed.accept(e.toString());
        }
    }

    /** Whether the current thread is the one key commands run on. */
    static boolean onTheirThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs something after the key commands queued so far (typing that follows them). */
    static void after(Runnable task) {
        THREAD.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("typed input after key commands was not delivered: {}", e.toString());
            }
        });
    }
}
