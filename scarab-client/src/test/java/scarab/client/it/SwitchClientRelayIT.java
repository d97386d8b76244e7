package scarab.client.it;

/** Switching sessions with output and keys relayed through the client ({@code SCARAB_DIRECT=0}). */
class SwitchClientRelayIT extends SwitchClientScenarios {
    @Override
    boolean direct() {
        return false;
    }
}
