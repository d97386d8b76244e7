package scarab.client.it;

/** The attach scenarios with the daemon serving the client's terminal itself (the default). */
class AttachE2EIT extends AttachScenarios {
    @Override
    boolean direct() {
        return true;
    }
}
