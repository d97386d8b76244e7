package scarab.client.attach;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import scarab.client.ClientError;
import scarab.protocol.DetachKeys;
import scarab.protocol.Frame;
import scarab.client.daemon.DaemonConnection;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.TerminalModes;

/**
 * The attach loop. This thread relays the daemon's output frames straight to the terminal
 * ({@link OutputRelay}); a second thread reads the keyboard and sends each read as one input frame
 * at once (the daemon watches for the prefix and the detach keys). The terminal is restored on every way out: detach, session exit, daemon loss,
 * an exception, and SIGTERM/SIGHUP (a shutdown hook).
 */
public final class Attacher {
    /** Resets what a session may have left switched on, for when the daemon could not do it. */
    private static final byte[] GENERIC_RESET = ("\033[0m\033[?25h\033[?1l\033>\033[?2004l\033[?1000l\033[?1002l"
            + "\033[?1003l\033[?1005l\033[?1006l\033[?1004l\r\n").getBytes(StandardCharsets.US_ASCII);

    /** This client's name for the daemon: its terminal's path. */
    private static final String TTY_NAME = ttyName();

    /** The daemon's connection; another after an in-place upgrade of the daemon ({@link Reattach}). */
    private DaemonConnection connection;
    /** The relayed keyboard's way to the daemon, held while the daemon upgrades. */
    private KeyForwarder keysOut = new KeyForwarder();
    /** For a remote daemon: silence after which it is pinged, twice which the connection is dropped. */
    private long keepaliveSeconds;
    /** For a remote daemon: connects again when the connection is lost; null for this machine's. */
    private Reconnector reconnector;
    /** Bytes of keys not sent after a reconnect, since the daemon might have had them (see KeyForwarder). */
    private long droppedKeys;
    private boolean keyboardStarted;
    private String target;
    private final boolean readOnly;
    private final boolean detachOthers;
    private final DetachKeys keys;
    private final String fromSession;
    private final PrintStream err;
    /** Whether to offer the daemon this terminal to serve directly (SCARAB_DIRECT=0 says no). */
    private final boolean direct;

    public Attacher(DaemonConnection connection, String target, boolean readOnly, boolean detachOthers, DetachKeys keys,
                    String fromSession, PrintStream err, boolean direct) {
        this.connection = connection;
        this.target = target;
        this.readOnly = readOnly;
        this.detachOthers = detachOthers;
        this.keys = keys;
        this.fromSession = fromSession;
        this.err = err;
        this.direct = direct;
    }

    /**
     * The daemon is on another machine: a lost connection is made again ({@code connector}) and the
     * keys are numbered so that none is applied twice across it.
     */
    void remote(String host, Reconnector.Connector connector, long keepaliveSeconds) {
        reconnector = new Reconnector(host, connector);
        this.keepaliveSeconds = keepaliveSeconds;
        keysOut = new KeyForwarder(true);
    }

    /** Attaches, opening the terminal meanwhile; see {@link #run(LocalTerminal.Opening)}. */
    public int run() throws IOException {
        return run(LocalTerminal.start());
    }

    /**
     * Attaches this terminal (being opened by {@code opening}, started before connecting so that
     * both overlap) and relays until detach, session exit or daemon loss.
     *
     * <p>When the daemon may serve this terminal itself, the attach request goes out before JLine
     * is loaded: the daemon needs nothing from this process but its pid (it reads the size from
     * the terminal), puts the terminal in raw mode and draws at once, as tmux's server does. This
     * process then watches for resizes and keeps the settings the daemon found, to put them back
     * should the daemon be lost. A refused attach leaves the terminal untouched.
     */
    public int run(LocalTerminal.Opening opening) throws IOException {
        FileOutputStream out = new FileOutputStream(FileDescriptor.out);
        Response.Attached early = null;
        if (direct && opening.own() && LocalTerminal.stdinAndStdoutAreOneTerminal()) {
            try {
                early = attach(0, 0, LocalTerminal.pid());
            } catch (IOException | RuntimeException e) {
                if (!refusedByDaemon(e)) {
                    // Lost between the daemon's raw mode and its answer: the terminal may be raw.
                    LocalTerminal.cookIfRaw();
                }
                throw e;
            }
        }
        AttachOutcome outcome;
        LocalTerminal terminal = opening.open();
        if (early != null && early.direct() && early.terminalModes() != null) {
            try {
                terminal.restoreTo(TerminalModes.decode(early.terminalModes()));
            } catch (IllegalArgumentException e) {
                // A daemon of another make: what JLine read may be the daemon's raw mode already.
                terminal.restoreCooked();
            }
        }
        Thread restoreOnSignal = new Thread(terminal::restore, "scarab-restore-terminal");
        Runtime.getRuntime().addShutdownHook(restoreOnSignal);
        DaemonConnection first = connection;
        try {
            outcome = pump(terminal, out, early);
            while (outcome == AttachOutcome.UPGRADING || outcome == AttachOutcome.RECONNECTING) {
                // The daemon re-executes itself: attach to the new program, to the session shown.
                // A remote one was lost: connect again, and attach to the session shown.
                outcome = outcome == AttachOutcome.UPGRADING ? reattach(terminal, out) : reconnect(terminal, out);
            }
        } finally {
            if (connection != first) {
                connection.close();
            }
            terminal.close();
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnSignal);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running or has run
            }
        }
        err.flush();
        PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
        console.print(outcome.message() + "\n");
        if (droppedKeys > 0) {
            console.print("[keys typed as the connection dropped were not sent again (" + droppedKeys
                    + " bytes): the daemon may have had them]\n");
        }
        console.flush();
        return outcome.exitStatus();
    }

    /** The device number of this process's terminal (standard input), or null if it cannot be read. */
    private static Long terminalDevice() {
        try {
            return (Long) java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self/fd/0"), "unix:rdev");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The path of this process's terminal (standard input), which names this client in
     * list-clients and switch-client -c, as tmux names its clients; null if it has none.
     */
    private static String ttyName() {
        try {
            String path = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/0")).toString();
            return path.startsWith("/dev/") ? path : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** An error answer of the daemon's own (it touched nothing), not a lost connection. */
    private static boolean refusedByDaemon(Exception e) {
        return e instanceof ClientError c && !"error".equals(c.code());
    }

    private Response.Attached attach(int cols, int rows, Long terminalPid) throws IOException {
        Response r = connection.call(new Request.Attach(connection.nextId(), target, readOnly, detachOthers && !reattaching,
                cols, rows,
                fromSession, terminalPid, keys.spec(), reconnector == null ? terminalDevice() : null, TTY_NAME,
                System.getenv("TERM")));
        if (!(r instanceof Response.Attached attached)) {
            throw new ClientError("unexpected answer to attach: " + r);
        }
        return attached;
    }

    /** The session shown when the daemon said it was upgrading: the one to attach to again. */
    private String shownId;
    private long upgradeNoticeAt;
    private boolean reattaching;

    /**
     * After the daemon's notice of an in-place upgrade: waits for the new program, attaches to the
     * same session (served directly again if it was), and relays on. Keys typed meanwhile were held
     * ({@link KeyForwarder}) or waited in the terminal, and go to the program now.
     */
    private AttachOutcome reattach(LocalTerminal terminal, FileOutputStream out) throws IOException {
        DaemonConnection old = connection;
        Path socket = old.socket();
        old.close(); // the daemon waits for its clients to hang up before it re-executes
        DaemonConnection next = Reattach.awaitNewDaemon(socket, upgradeNoticeAt);
        if (next == null) {
            out.write(GENERIC_RESET);
            return AttachOutcome.lostServer();
        }
        connection = next;
        // The same session, by id; never detaching the others, which are re-attaching too.
        target = shownId;
        reattaching = true;
        Response.Attached early = null;
        if (directNow) {
            early = attach(0, 0, LocalTerminal.pid());
        }
        return pump(terminal, out, early);
    }

    /**
     * After the connection to a remote daemon was lost: connects again (until it works or the user
     * detaches) and attaches to the session shown, which redraws the whole screen; the keys the
     * daemon did not get go to it then. A connection lost again on the way is one more reconnect.
     */
    private AttachOutcome reconnect(LocalTerminal terminal, FileOutputStream out) throws IOException {
        connection.close();
        DaemonConnection next = reconnector.reconnect(out, terminal::rows);
        if (next == null) {
            out.write(("\033[" + Math.max(1, terminal.rows()) + ";1H\033[0m\033[K").getBytes(StandardCharsets.US_ASCII));
            out.write(GENERIC_RESET);
            return new AttachOutcome("[detached (from session " + shownName + " on " + reconnector.host()
                    + ", while reconnecting)]", 0);
        }
        connection = next;
        target = shownId;
        reattaching = true;
        try {
            return pump(terminal, out, null);
        } catch (ClientError e) {
            if (refusedByDaemon(e)) {
                out.write(GENERIC_RESET);
                return new AttachOutcome("[lost session " + shownName + " on " + reconnector.host() + ": "
                        + e.getMessage() + "]", 1);
            }
            keysOut.hold();
            return AttachOutcome.RECONNECTING;
        } catch (IOException e) {
            keysOut.hold();
            return AttachOutcome.RECONNECTING;
        }
    }

    /** The name of the session shown, for the messages of a detach the daemon did not send. */
    private String shownName;

    private AttachOutcome pump(LocalTerminal terminal, FileOutputStream out, Response.Attached early) throws IOException {
        long applied = -1;
        if (keysOut.sequenced()) {
            Response r = connection.call(new Request.InputIdentity(connection.nextId(), reconnector.clientId));
            if (!(r instanceof Response.InputAck ack)) {
                throw new ClientError("unexpected answer to input-identity: " + r);
            }
            applied = ack.lastSeq();
        }
        Response.Attached attached = early != null ? early : attach(terminal.cols(), terminal.rows(), null);
        directNow = attached.direct();
        shownId = attached.session().id();
        String name = attached.session().name();
        shownName = name;
        AtomicBoolean done = new AtomicBoolean();
        java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        terminal.onResize(() -> {
            if (!done.get()) {
                try {
                    connection.send(new Request.Resize(connection.nextId(), terminal.cols(), terminal.rows()));
                } catch (IOException e) {
                    // the frame loop notices a dead connection
                }
            }
        });
        // The size once more now that resizes are watched: a resize before the watch is not lost,
        // and this client becomes the one whose size the session follows.
        try {
            connection.send(new Request.Resize(connection.nextId(), terminal.cols(), terminal.rows()));
        } catch (IOException e) {
            // The daemon may be gone already (the screen is up before this client is): the frame
            // loop below reads the end of the connection and says so.
        }
        if (keysOut.sequenced()) {
            droppedKeys += keysOut.resumeSequenced(connection, applied);
        } else {
            keysOut.resume(connection);
        }
        if (!attached.direct() && !keyboardStarted) {
            // Otherwise the daemon reads the keys from the terminal itself. One keyboard thread
            // for the whole attach: it outlives a re-attach after the daemon's upgrade.
            keyboardStarted = true;
            keyboardDone = done;
            Thread keyboard = new Thread(() -> pumpKeyboard(terminal.input()), "scarab-keyboard");
            keyboard.setDaemon(true);
            keyboard.start();
        }
        keyboardDone = done;
        keyboardEnded = ended;
        Keepalive keepalive = reconnector == null ? null : Keepalive.start(connection, keepaliveSeconds);
        OutputRelay relay = new OutputRelay(keepalive == null ? connection.inChannel()
                : keepalive.heardThrough(connection.inChannel()), connection.takeBuffered(), out.getChannel());
        try {
            while (true) {
                byte[] control;
                try {
                    control = relay.next();
                } catch (IOException e) {
                    control = null;
                }
                if (control == null) {
                    if (reconnector != null) {
                        keysOut.hold();
                        return AttachOutcome.RECONNECTING;
                    }
                    out.write(GENERIC_RESET);
                    return AttachOutcome.lostServer();
                }
                Response event = DaemonConnection.decode(new Frame(Frame.CONTROL, control));
                if (event instanceof Response.Detached d && "upgrade".equals(d.reason()) && reconnector != null) {
                    // The remote daemon re-executes itself: its proxy goes, so connect again. It read
                    // every key sent before saying so.
                    keysOut.hold();
                    keysOut.settleSent();
                    return AttachOutcome.RECONNECTING;
                }
                if (event instanceof Response.Detached d && "upgrade".equals(d.reason())) {
                    keysOut.hold();
                    upgradeNoticeAt = System.currentTimeMillis();
                    return AttachOutcome.UPGRADING;
                }
                if (event instanceof Response.Detached d) {
                    String session = d.session() == null ? name : d.session();
                    return "killed".equals(d.reason()) ? AttachOutcome.killed(session) : AttachOutcome.detached(session);
                }
                if (event instanceof Response.Exited x) {
                    return AttachOutcome.exited(x.session() == null ? name : x.session(), x.exitCode());
                }
                if (event instanceof Response.Attached a) {
                    // Another session shown (switch-client): an upgrade's re-attach comes back to it.
                    name = a.session().name();
                    shownName = name;
                    shownId = a.session().id();
                }
            }
        } finally {
            if (keepalive != null) {
                keepalive.stop();
            }
            done.set(true);
            ended.countDown();
        }
    }

    /** Whether this client's terminal was served by the daemon itself in the last attach. */
    private boolean directNow;
    /** The current attach's: set when it ends (the keyboard stops with the last one). */
    private volatile AtomicBoolean keyboardDone;
    private volatile java.util.concurrent.CountDownLatch keyboardEnded;

    /**
     * Sends each read of the keyboard as one input frame at once. The daemon reads the keys (the
     * prefix, the bindings, the prompts and the detach keys) as it does for a terminal it serves
     * itself, so both ways of attaching behave alike. After a read that may have held the detach
     * keys this thread waits (up to {@link #DETACH_WAIT_MILLIS}) for the daemon to end the attach
     * before it reads again: what is typed after detaching is the shell's, not a lost frame's.
     */
    private void pumpKeyboard(InputStream in) {
        byte[] buffer = new byte[4096];
        DetachWatch watch = new DetachWatch(keys);
        try {
            while (!keyboardDone.get() || keysOut.holding()) {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    return;
                }
                if (n > 0) {
                    boolean mayDetach = watch.mayDetach(buffer, n);
                    if (mayDetach && reconnector != null && reconnector.active()) {
                        // No daemon to ask while reconnecting: the detach keys are this client's.
                        reconnector.requestDetach();
                        continue;
                    }
                    keysOut.send(buffer, n);
                    if (mayDetach) {
                        keyboardEnded.await(DETACH_WAIT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
                    }
                }
            }
        } catch (IOException e) {
            // keyboard or daemon gone; the frame loop reports what happened
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How long the keyboard waits for the daemon after what may be the detach keys (a prompt may have taken them). */
    private static final long DETACH_WAIT_MILLIS = 2000;

    /**
     * Whether typed bytes may end with the detach keys: the prefix and the key (the prefix twice
     * is a literal prefix), or the single key. Only a hint: the daemon decides (a prompt open on
     * the client takes them as text).
     */
    static final class DetachWatch {
        private final DetachKeys keys;
        private boolean afterPrefix;

        DetachWatch(DetachKeys keys) {
            this.keys = keys;
        }

        boolean mayDetach(byte[] b, int n) {
            boolean may = false;
            for (int i = 0; i < n; i++) {
                int c = b[i] & 0xff;
                if (keys.prefix() == DetachKeys.NONE) {
                    may |= c == keys.key();
                } else if (afterPrefix) {
                    may |= c == keys.key();
                    afterPrefix = false;
                } else {
                    afterPrefix = c == keys.prefix();
                }
            }
            return may;
        }
    }
}
