package scarab.client.it;

/** The mouse scenarios with the client relaying its terminal in frames ({@code SCARAB_DIRECT=0}). */
class MouseRelayE2EIT extends MouseScenarios {
    @Override
    boolean direct() {
        return false;
    }
}
