package scarab.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * tmux leaves the socket file of {@code -L NAME} behind when its server ends
 * ({@code ${TMUX_TMPDIR:-/tmp}/tmux-UID/NAME}): the tests that start one remove it after
 * {@code kill-server}, from both places (some start tmux with a cleared environment). Names are
 * the tests' own, unique per run, so nothing else is touched.
 */
public final class TmuxSocketFile {
    private TmuxSocketFile() {}

    public static void delete(String name) {
        try {
            int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            String dir = System.getenv("TMUX_TMPDIR");
            if (dir != null && !dir.isEmpty()) {
                Files.deleteIfExists(Path.of(dir, "tmux-" + uid, name));
            }
            Files.deleteIfExists(Path.of("/tmp", "tmux-" + uid, name));
        } catch (IOException | RuntimeException e) {
            // a leftover socket file harms nothing but tidiness
        }
    }
}
