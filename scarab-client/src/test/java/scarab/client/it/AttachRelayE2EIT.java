package scarab.client.it;

/**
 * The attach scenarios with output and keys relayed through the client ({@code SCARAB_DIRECT=0}),
 * the way every client is served when the daemon cannot open its terminal.
 */
class AttachRelayE2EIT extends AttachScenarios {
    @Override
    boolean direct() {
        return false;
    }
}
