package scarab.client.it;

/** The mouse scenarios with the daemon serving the client's terminal itself (the default). */
class MouseE2EIT extends MouseScenarios {
    @Override
    boolean direct() {
        return true;
    }
}
