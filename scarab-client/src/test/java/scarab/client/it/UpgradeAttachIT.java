package scarab.client.it;

/** {@link UpgradeAttachScenarios} with the client's terminal served by the daemon itself. */
class UpgradeAttachIT extends UpgradeAttachScenarios {
    @Override
    boolean direct() {
        return true;
    }
}
