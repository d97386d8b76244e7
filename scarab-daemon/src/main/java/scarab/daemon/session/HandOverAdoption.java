package scarab.daemon.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.FaultInjection;
import scarab.daemon.pty.ExecHandOver;
import scarab.daemon.pty.PtyChild;
import scarab.daemon.store.StoredSession;

/**
 * After an in-place upgrade, which stored sessions take over their running processes from the
 * daemon this process was before {@code execve}. All or nothing per session: a session is adopted
 * when every pane whose program should run is in the hand-over and checks out (the pidfd names
 * that process, the master is a PTY master, the process still exists); otherwise the whole session
 * falls back to the ordinary restore (commands started again), and its inherited numbers are let
 * go with the rest ({@link #endUnadopted}). Never a half-adopted session.
 */
public final class HandOverAdoption {
    private static final Logger log = LoggerFactory.getLogger(HandOverAdoption.class);

    /** An ordinary start: nothing handed over, nothing inherited to clean up. */
    public static final HandOverAdoption NONE = new HandOverAdoption(Map.of(), Map.of(), Map.of(), false);

    private final Map<Integer, PtyChild.Fds> handed;
    private final Map<Integer, byte[]> alternates;
    private final Map<Integer, String> scopes;
    private final boolean upgraded;
    /** The numbers adopted so far (kept open); every other inherited PTY master and pidfd is let go. */
    private final Set<Integer> adoptedNumbers = new HashSet<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    private HandOverAdoption(Map<Integer, PtyChild.Fds> handed, Map<Integer, byte[]> alternates,
                             Map<Integer, String> scopes, boolean upgraded) {
        this.handed = Map.copyOf(handed);
        this.alternates = Map.copyOf(alternates);
        this.scopes = Map.copyOf(scopes);
        this.upgraded = upgraded;
    }

    /** The panes' numbers (and active alternate screens) from a readable hand-over file. */
    public static HandOverAdoption of(Map<Integer, PtyChild.Fds> handed, Map<Integer, byte[]> alternates) {
        return of(handed, alternates, Map.of());
    }

    /** ... and the scopes (systemd units or cgroups) the limited panes' processes run in. */
    public static HandOverAdoption of(Map<Integer, PtyChild.Fds> handed, Map<Integer, byte[]> alternates,
                                      Map<Integer, String> scopes) {
        return new HandOverAdoption(handed, alternates, scopes, true);
    }

    /** The scope pane {@code id}'s process runs in under its limits; null if none. */
    String scope(int id) {
        return scopes.get(id);
    }

    /** The alternate screen pane {@code id} showed, to replay over its stored screen; null if none. */
    byte[] alternate(int id) {
        return alternates.get(id);
    }

    /** An upgrade whose hand-over cannot be used: every session is restored the ordinary way. */
    public static HandOverAdoption unusable(String why) {
        HandOverAdoption a = new HandOverAdoption(Map.of(), Map.of(), Map.of(), true);
        a.problem("upgrade: " + why + "; every session is restored with its command started again");
        return a;
    }

    /**
     * Adopts a stored session's processes if all of them can be.
     *
     * @return pane id to its adopted process; empty when the session is restored the ordinary way
     */
    Map<Integer, PtyChild> adopt(StoredSession stored) {
        if (handed.isEmpty() || stored.meta().exited()) {
            return Map.of();
        }
        List<PaneMeta> live = new ArrayList<>();
        stored.windows().forEach(w -> w.panes().stream().filter(p -> !p.exited()).forEach(live::add));
        if (live.stream().noneMatch(p -> handed.containsKey(p.id()))) {
            return Map.of();
        }
        String name = stored.meta().id().shortForm() + " " + stored.meta().name();
        Map<Integer, PtyChild> adopted = new HashMap<>();
        for (PaneMeta p : live) {
            PtyChild.Fds fds = handed.get(p.id());
            if (fds == null) {
                problem("upgrade: session " + name + " restarted: pane %" + p.id() + " was not handed over");
                return Map.of();
            }
            try {
                testFaults(p.id(), fds.pid());
                adopted.put(p.id(), PtyChild.adopt(fds));
            } catch (IOException e) {
                problem("upgrade: session " + name + " restarted: pane %" + p.id() + ": " + e.getMessage());
                return Map.of();
            }
        }
        adopted.values().forEach(c -> {
            PtyChild.Fds f = c.fds();
            adoptedNumbers.add(f.master());
            adoptedNumbers.add(f.pidfd());
        });
        return adopted;
    }

    /**
     * A test's faults at one pane's adoption, after the panes before it were adopted: its process
     * killed (it is adopted dead, and its end reported as any child's), or its check failing.
     */
    private static void testFaults(int pane, long pid) throws IOException {
        if (FaultInjection.fires("upgrade-kill-pane-" + pane)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!isZombie(pid) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (FaultInjection.fires("upgrade-refuse-pane-" + pane)) {
            throw new IOException("refused for a test");
        }
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** After every session was looked at: hangs up and reaps what was inherited and not adopted. */
    void endUnadopted() {
        if (!upgraded) {
            return;
        }
        int ended = ExecHandOver.endUnadopted(adoptedNumbers);
        if (ended > 0) {
            log.warn("upgrade: {} processes of the daemon before the upgrade were not adopted and were hung up", ended);
        }
    }

    private void problem(String text) {
        log.warn(text);
        problems.add(text);
    }

    /** What went wrong, one line each (for {@code daemon status}). */
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
