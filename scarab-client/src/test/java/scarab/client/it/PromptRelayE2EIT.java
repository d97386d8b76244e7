package scarab.client.it;

/** The prompt scenarios with the client relaying its keys ({@code SCARAB_DIRECT=0}). */
class PromptRelayE2EIT extends PromptScenarios {
    @Override
    boolean direct() {
        return false;
    }
}
