package scarab.daemon.pty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The snapshot thread's lower priority: the calling thread alone gets the nice value, not the process. */
class BackgroundPriorityTest {
    /** Field 19 of /proc/thread-self/stat (after the command's closing parenthesis): the nice value. */
    private static int niceOfThisThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    @Test
    void onlyTheCallingThreadIsLowered() throws Exception {
        int before = niceOfThisThread();
        CompletableFuture<Integer> lowered = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                BackgroundPriority.lowerThisThread();
                lowered.complete(niceOfThisThread());
            } catch (Exception e) {
                lowered.completeExceptionally(e);
            }
        });
        t.start();
        assertEquals(Math.max(before, BackgroundPriority.NICE), (int) lowered.get());
        assertEquals(before, niceOfThisThread(), "the other threads keep theirs");
    }
}
