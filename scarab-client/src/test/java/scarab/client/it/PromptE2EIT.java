package scarab.client.it;

/** The prompt scenarios with the daemon serving the client's terminal itself (the default). */
class PromptE2EIT extends PromptScenarios {
    @Override
    boolean direct() {
        return true;
    }
}
