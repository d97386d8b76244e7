package scarab.client.attach;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import scarab.client.daemon.DaemonConnection;

/**
 * Where a relayed client's keys go: the daemon's connection, or, while the daemon upgrades in
 * place or a remote connection is re-made, a buffer sent on first thing once the client is
 * attached again. So no key typed during the pause is lost (a burst of a megabyte is kept; more is
 * dropped, as a terminal's input queue would).
 *
 * <p>Numbered ({@link #sequenced}): every read of the keyboard gets the next number and is kept
 * (the last megabyte) after it was sent, since a connection that dies may have lost it on the
 * way. After a reconnect the daemon says the last number it applied, and what came after goes
 * again; the daemon drops a number it has had, so a key is never applied twice.
 */
final class KeyForwarder {
    private static final int MAX_HELD = 1 << 20;
    private DaemonConnection target;
    private boolean holding;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();

    private final boolean sequenced;
    /** Numbered keys not known to be applied, oldest first. */
    private final ArrayDeque<Keys> log = new ArrayDeque<>();
    private long logBytes;
    private long lastSeq;
    /** The highest number written to a connection (it may not have arrived). */
    private long sentThrough;
    /** Numbers forgotten (past the megabyte) without the daemon having said it had them. */
    private long forgottenThrough;

    private record Keys(long seq, byte[] bytes) {}

    KeyForwarder() {
        this(false);
    }

    KeyForwarder(boolean sequenced) {
        this.sequenced = sequenced;
    }

    boolean sequenced() {
        return sequenced;
    }

    /**
     * Sends what was typed, or keeps it while holding or when the connection failed (the frame
     * loop tells whether the daemon is lost or upgrading; the keys are for the new program then).
     */
    synchronized void send(byte[] data, int n) {
        if (sequenced) {
            Keys k = new Keys(++lastSeq, java.util.Arrays.copyOf(data, n));
            log.addLast(k);
            logBytes += n;
            while (logBytes > MAX_HELD && log.size() > 1) {
                Keys old = log.removeFirst();
                logBytes -= old.bytes.length;
                forgottenThrough = old.seq;
            }
            if (!holding && target != null) {
                write(k);
            }
            return;
        }
        if (!holding && target != null) {
            try {
                target.sendInput(data, 0, n);
                return;
            } catch (IOException e) {
                target = null;
            }
        }
        if (held.size() + n <= MAX_HELD) {
            held.write(data, 0, n);
        }
    }

    private void write(Keys k) {
        try {
            target.sendSequencedInput(k.seq, k.bytes, 0, k.bytes.length);
            sentThrough = k.seq;
        } catch (IOException e) {
            target = null; // kept in the log: sent again after the reconnect
        }
    }

    /** The daemon said it upgrades, or the connection is lost: keys wait from now on. */
    synchronized void hold() {
        holding = true;
        if (sequenced) {
            target = null;
        }
    }

    synchronized boolean holding() {
        return holding;
    }

    /** Attached (again): what waited goes first, then keys go straight to {@code connection}. */
    synchronized void resume(DaemonConnection connection) throws IOException {
        target = connection;
        holding = false;
        if (held.size() > 0) {
            byte[] keys = held.toByteArray();
            held.reset();
            connection.sendInput(keys, 0, keys.length);
        }
    }

    /**
     * Attached again after a reconnect ({@link #sequenced}): sends what the daemon has not applied.
     *
     * @param applied the last number the daemon applied for this client; -1 when it does not know
     *                this client (it restarted): what was sent may or may not have arrived
     * @return how many bytes of keys were dropped rather than risk sending them twice (0: none)
     */
    synchronized long resumeSequenced(DaemonConnection connection, long applied) {
        long dropped = 0;
        while (!log.isEmpty() && (applied >= 0 ? log.peekFirst().seq <= applied
                : log.peekFirst().seq <= sentThrough)) {
            Keys k = log.removeFirst();
            logBytes -= k.bytes.length;
            if (applied < 0) {
                dropped += k.bytes.length;
            }
        }
        if (applied >= 0 && applied < forgottenThrough) {
            dropped += 1; // keys older than the log were lost: at least say so
        }
        target = connection;
        holding = false;
        for (Keys k : log) {
            if (target == null) {
                break;
            }
            write(k);
        }
        return dropped;
    }

    /**
     * Forgets what was sent when the daemon's side is known to have read it all (it said goodbye
     * for an upgrade after reading our input): nothing to report as lost then.
     */
    synchronized void settleSent() {
        while (!log.isEmpty() && log.peekFirst().seq <= sentThrough) {
            logBytes -= log.removeFirst().bytes.length;
        }
    }
}
