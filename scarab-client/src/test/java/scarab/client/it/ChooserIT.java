package scarab.client.it;

/** The chooser with the daemon serving the client's terminal itself (the default). */
class ChooserIT extends ChooserScenarios {
    @Override
    boolean direct() {
        return true;
    }
}
