package scarab.client.it;

/** Switching sessions with the daemon writing the client's terminal itself (the default). */
class SwitchClientIT extends SwitchClientScenarios {
    @Override
    boolean direct() {
        return true;
    }
}
