package scarab.daemon.ipc;

import scarab.daemon.FaultInjection;
import scarab.protocol.Protocol;

/**
 * The protocol version this daemon speaks: {@link Protocol#VERSION}, or for a test, from the
 * hello after it asked on, one below or above it, to play a daemon of another release (for the
 * rest of this program: the one an upgrade executes speaks the real version, as a newly installed
 * one would).
 */
final class SpokenProtocol {
    private static volatile int version = Protocol.VERSION;

    private SpokenProtocol() {}

    static int version() {
        if (FaultInjection.fires("protocol-older")) {
            version = Protocol.VERSION - 1;
        } else if (FaultInjection.fires("protocol-newer")) {
            version = Protocol.VERSION + 1;
        }
        return version;
    }
}
