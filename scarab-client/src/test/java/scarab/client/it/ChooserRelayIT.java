package scarab.client.it;

/** The chooser with the output and keys relayed through the client. */
class ChooserRelayIT extends ChooserScenarios {
    @Override
    boolean direct() {
        return false;
    }
}
