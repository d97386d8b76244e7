package scarab.client.it;

/** {@link UpgradeAttachScenarios} with output and keys relayed by the client ({@code SCARAB_DIRECT=0}). */
class UpgradeAttachRelayIT extends UpgradeAttachScenarios {
    @Override
    boolean direct() {
        return false;
    }
}
