package scarab.client.daemon;

import java.io.IOException;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.protocol.Request;

/**
 * {@code scarab daemon stop}: asks the daemon to stop, then waits for its process to be gone, since
 * only then are its store closed and its locks released (a {@code daemon start} right after must
 * find them free). The same on the picocli path and the fast path.
 */
public final class DaemonStop {
    private static final long TIMEOUT_MILLIS = 30_000;
    /**
     * The daemon is another session's process, not our child: there is no exit notification to
     * wait on (ProcessHandle.onExit polls such a process from 300 ms up). A stop takes tens of
     * milliseconds: look that often.
     */
    private static final long MAX_PAUSE_MILLIS = 5;

    private DaemonStop() {}

    public static int run(ClientContext ctx, DaemonStarter starter) throws IOException {
        DaemonConnection c = starter.openRunning(ctx);
        if (c == null) {
            return 1;
        }
        long pid = c.daemonPid();
        String startTime = ProcState.startTime(pid);
        try (c) {
            c.call(new Request.DaemonStop(c.nextId()));
        }
        awaitExit(pid, startTime);
        return 0;
    }

    private static void awaitExit(long pid, String startTime) {
        long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000;
        long pause = 1;
        while (running(pid, startTime)) {
            if (System.nanoTime() > deadline) {
                throw new ClientError("the daemon (pid " + pid + ") did not stop within " + TIMEOUT_MILLIS / 1000 + " s");
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientError("interrupted while waiting for the daemon to stop");
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }

    /**
     * Still running? A process that has exited but is not yet reaped (a zombie) is done: its files
     * and locks are released. ProcessHandle counts it alive, and the daemon's parent is whoever
     * adopted it (init, or a container's first process), which may reap it only seconds later: a
     * stop of an idle daemon took 2 s waiting for that. Where there is no /proc, ProcessHandle.
     */
    private static boolean running(long pid, String startTime) {
        if (startTime == null) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        return startTime.equals(ProcState.startTime(pid)) && !ProcState.zombie(pid);
    }
}
