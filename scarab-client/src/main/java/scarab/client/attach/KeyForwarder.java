package scarab.client.attach;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import scarab.client.daemon.DaemonConnection;

/**
 * Where a relayed client's keys go: the daemon's connection, or, while the daemon upgrades in
 * place, a buffer sent on first thing once the client is attached to the new program. So no key
 * typed during the pause is lost (a burst of a megabyte is kept; more is dropped, as a terminal's
 * input queue would).
 */
final class KeyForwarder {
    private static final int MAX_HELD = 1 << 20;
    private DaemonConnection target;
    private boolean holding;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();

    /**
     * Sends what was typed, or keeps it while holding or when the connection failed (the frame
     * loop tells whether the daemon is lost or upgrading; the keys are for the new program then).
     */
    synchronized void send(byte[] data, int n) {
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

    /** The daemon said it upgrades: keys wait from now on. */
    synchronized void hold() {
        holding = true;
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
}
