package scarab.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.ipc.Connection;
import scarab.daemon.ipc.IpcServer;
import scarab.daemon.pty.ExecHandOver;
import scarab.daemon.pty.PtyChild;
import scarab.daemon.session.SessionManager;
import scarab.daemon.session.Snapshotter;
import scarab.protocol.ClassDataArchive;
import scarab.protocol.Version;

/**
 * {@code scarab daemon upgrade}, the old program's half: tell the attached clients (they re-attach
 * to the new program), stop reading the PTYs at a clean point, store every screen and history
 * (the snapshot a clean stop takes), write the hand-over file, keep only the PTY masters and
 * pidfds across {@code execve}, and run the installed daemon again in this process. The new
 * program's half is {@link scarab.daemon.session.HandOverAdoption}.
 *
 * <p>Every step before {@code execve} is undone by going on: when it fails, reading resumes where
 * it stopped and the clients, which wait for a program started after their notice, re-attach to
 * this one once they give up waiting.
 */
final class InPlaceUpgrade {
    private static final Logger log = LoggerFactory.getLogger(InPlaceUpgrade.class);
    /** How long a PTY whose output stopped mid-sequence is read on before it is handed over as it is. */
    private static final long DRAIN_MILLIS = 500;
    private static final long PARK_TIMEOUT_MILLIS = 5000;
    /** How long the clients told to re-attach get to hang up (they do at once; a stuck one is not waited for). */
    private static final long CLIENTS_MILLIS = 2000;

    private final SessionManager sessions;
    private final Snapshotter snapshotter;
    private final Path stateDir;
    /** The socket's and the database's lock files: their locks cross execve, held all along. */
    private final List<Path> lockFiles;
    private final IpcServer server;

    InPlaceUpgrade(SessionManager sessions, Snapshotter snapshotter, Path stateDir, List<Path> lockFiles,
                   IpcServer server) {
        this.sessions = sessions;
        this.snapshotter = snapshotter;
        this.stateDir = stateDir;
        this.lockFiles = lockFiles;
        this.server = server;
    }

    /** @return only on failure: why (the daemon goes on) */
    String run() {
        log.info("upgrade requested");
        List<String> argv;
        try {
            argv = ExecHandOver.ownCommandLine();
        } catch (IOException e) {
            return "cannot read its own command line: " + e.getMessage();
        }
        String launcher = ExecHandOver.ownProgram();
        // Decided while the clients are still served: it may try the archive in a JVM of its own.
        argv = UpgradeCommandLine.of(argv, launcher, System.getProperty(ClassDataArchive.PROPERTY));
        String program = FaultInjection.fires("upgrade-exec-fails") ? "/nonexistent/scarab-test-fault" : launcher;
        log.info("upgrade: the next program decided; detaching the clients");
        List<Connection> clients = sessions.detachEveryClient("upgrade");
        awaitClosed(clients);
        Runnable resume;
        try {
            resume = sessions.parkReaders(DRAIN_MILLIS, PARK_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        if (resume == null) {
            return "the PTY reader did not stop within " + PARK_TIMEOUT_MILLIS / 1000 + " s";
        }
        Path file = stateDir.resolve("handover.json");
        if (FaultInjection.fires("upgrade-hold")) {
            // A test types into the clients now, while no program reads them.
            log.info("upgrade held for a test");
            FaultInjection.awaitFault("upgrade-go", 60_000);
        }
        try {
            snapshotter.flushNow();
            // Every recorded line in its file: the new program appends to the same files.
            sessions.recordings().flushAll(PARK_TIMEOUT_MILLIS);
            Map<Integer, PtyChild.Fds> fds = sessions.handOverFds();
            writeHandOver(file, fds, sessions.alternateScreens(), sessions.handOverScopes(fds));
            log.info("upgrading in place: {} processes handed over, {} clients to re-attach; exec {} {}", fds.size(),
                    clients.size(), program, String.join(" ", argv));
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put(HandOverFile.ENV, file.toString());
            List<Integer> locks = new java.util.ArrayList<>();
            lockFiles.forEach(f -> locks.addAll(ExecHandOver.descriptorsOf(f)));
            server.stopAccepting();
            String failure;
            try {
                ExecHandOver.keepOnly(fds.values(), locks);
                if (FaultInjection.fires("upgrade-hold-at-exec")) {
                    // A test connects now: it must be refused, not accepted into a connection that crosses the exec.
                    log.info("upgrade held at its exec for a test");
                    FaultInjection.awaitFault("upgrade-go", 60_000);
                }
                failure = ExecHandOver.exec(program, argv, env);
                ExecHandOver.undoKeep(fds.values(), locks);
            } finally {
                listenAgain();
            }
            Files.deleteIfExists(file);
            log.error("upgrade failed, the daemon goes on: exec {}", failure);
            return "exec " + failure;
        } catch (IOException | ExecutionException e) {
            log.error("upgrade failed, the daemon goes on", e);
            return e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            resume.run();
        }
    }

    /** Only after a failed exec (a successful one never returns). */
    private void listenAgain() {
        try {
            server.resumeAccepting();
        } catch (IOException e) {
            log.error("after the failed upgrade the daemon cannot listen again: {}", e.getMessage());
        }
    }

    private static void writeHandOver(Path file, Map<Integer, PtyChild.Fds> fds, Map<Integer, byte[]> alternates,
                                      Map<Integer, String> scopes) throws IOException {
        Files.createDirectories(file.getParent());
        if (FaultInjection.fires("upgrade-damaged-handover")) {
            HandOverFile.writeDamaged(file);
        } else if (FaultInjection.fires("upgrade-unknown-format")) {
            HandOverFile.write(file, HandOverFile.FORMAT + 1, Version.get(), fds, alternates, scopes);
        } else {
            HandOverFile.write(file, HandOverFile.FORMAT, Version.get(), fds, alternates, scopes);
        }
    }

    /** Until every client told to re-attach has hung up, so the notice reached it, for at most a moment. */
    private static void awaitClosed(List<Connection> clients) {
        long deadline = System.nanoTime() + CLIENTS_MILLIS * 1_000_000;
        while (clients.stream().anyMatch(Connection::isOpen) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
