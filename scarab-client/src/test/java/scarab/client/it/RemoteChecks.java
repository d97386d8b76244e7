package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the remote-attach tests check alike: the client's picture, and the lines a pane's commands wrote. */
final class RemoteChecks {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private RemoteChecks() {}

    /** Waits until the client in {@code tmux}'s pane shows exactly {@code capture -e} of session {@code work}. */
    static void awaitSame(Scarab scarab, Tmux tmux) {
        String[] last = new String[2];
        try {
            Scarab.waitFor("the client to show the session", WAIT, () -> {
                last[0] = tmux.screenWithEscapes(null);
                last[1] = scarab.ok("capture", "-e", "work");
                return last[0].equals(last[1]);
            });
        } catch (AssertionError e) {
            assertEquals(last[1], last[0], "the client's picture against capture -e work");
        }
    }

    /** The file's lines; none while it does not exist. */
    static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : new ArrayList<>();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
