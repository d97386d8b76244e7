package scarab.daemon.session;

import com.pty4j.PtyProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.UserError;
import scarab.daemon.store.SessionStore;

/**
 * Owns every session. Sessions live in a {@link ConcurrentHashMap}; the name index is guarded by
 * {@link #namesLock}, which is held only for bookkeeping, never across a process spawn or a disk
 * write, so one slow create cannot stall the others.
 *
 * <p>Ordering for durability: a change is committed to the store before the caller is told it
 * succeeded; if the commit fails, the change is undone and the caller gets the error.
 */
public final class SessionManager implements SessionEvents {
    private static final Logger log = LoggerFactory.getLogger(SessionManager.class);
    public static final int MAX_COLS = 1000;
    public static final int MAX_ROWS = 1000;
    static final long KILL_GRACE_MILLIS = 2000;

    private final ConcurrentHashMap<SessionId, Session> sessions = new ConcurrentHashMap<>();
    private final Object namesLock = new Object();
    /** name -> id, including names reserved by creates still in progress. Guarded by namesLock. */
    private final Map<String, SessionId> names = new HashMap<>();
    private final SessionStore store;
    private final PtyLauncher launcher;
    /** Set once the daemon is stopping: processes we end then did not "exit" in the user's sense. */
    private volatile boolean shuttingDown;

    public SessionManager(SessionStore store, PtyLauncher launcher) {
        this.store = store;
        this.launcher = launcher;
    }

    /** Loads every stored session. Their processes are gone, so running ones show as stopped. */
    public void loadStored() {
        for (SessionMeta meta : store.loadAll()) {
            Session s = Session.withoutProcess(meta);
            synchronized (namesLock) {
                names.put(meta.name(), meta.id());
            }
            sessions.put(meta.id(), s);
        }
        log.info("loaded {} stored sessions", sessions.size());
    }

    public Session create(NewSessionSpec spec) {
        String nameProblem = SessionName.problem(spec.name());
        if (nameProblem != null) {
            throw new UserError("bad-name", nameProblem);
        }
        checkSize(spec.cols(), spec.rows());
        List<String> command = spec.command() == null || spec.command().isEmpty() ? launcher.defaultCommand() : spec.command();
        String commandProblem = launcher.commandProblem(command);
        if (commandProblem != null) {
            throw new UserError("bad-command", commandProblem);
        }
        if (spec.cwd() == null || !Path.of(spec.cwd()).isAbsolute() || !Files.isDirectory(Path.of(spec.cwd()))) {
            throw new UserError("bad-cwd", "no such directory: " + spec.cwd());
        }
        SessionId id = SessionId.random();
        reserveName(spec.name(), id);
        PtyProcess process;
        try {
            process = launcher.start(command, spec.cwd(), spec.cols(), spec.rows(), spec.name(), spec.env());
        } catch (IOException | RuntimeException e) {
            releaseName(spec.name(), id);
            throw new UserError("spawn-failed", "cannot start " + command.get(0) + ": " + e.getMessage());
        }
        SessionMeta meta = new SessionMeta(id, spec.name(), command, spec.cwd(), spec.cols(), spec.rows(),
                System.currentTimeMillis(), 0, SessionMeta.RUNNING, null, "");
        Session session = Session.running(meta, process);
        try {
            store.save(meta).join();
        } catch (CompletionException e) {
            releaseName(spec.name(), id);
            process.destroyForcibly();
            throw new UserError("store-failed", "session not created: " + e.getCause().getMessage());
        }
        sessions.put(id, session);
        session.startReader(this);
        log.info("session created: {} {} pid {} command {}", id.shortForm(), spec.name(), process.pid(), command);
        return session;
    }

    public static void checkSize(int cols, int rows) {
        if (cols < 1 || rows < 1 || cols > MAX_COLS || rows > MAX_ROWS) {
            throw new UserError("bad-size", "invalid size " + cols + "x" + rows + ": columns and rows must be 1 to "
                    + MAX_COLS);
        }
    }

    private void reserveName(String name, SessionId id) {
        synchronized (namesLock) {
            SessionId holder = names.get(name);
            if (holder != null) {
                throw new UserError("name-taken", "a session named \"" + name + "\" already exists; choose another name"
                        + " or attach to it");
            }
            names.put(name, id);
        }
    }

    private void releaseName(String name, SessionId id) {
        synchronized (namesLock) {
            names.remove(name, id);
        }
    }

    public List<Session> list() {
        List<Session> all = new ArrayList<>(sessions.values());
        all.sort(Comparator.comparingLong((Session s) -> s.meta().createdAt()).thenComparing(Session::id));
        return all;
    }

    public int count() {
        return sessions.size();
    }

    /**
     * Finds a session by name, full id, or unique id prefix (names win: a name is what people type).
     */
    public Session resolve(String target) {
        if (target == null || target.isEmpty()) {
            throw new UserError("bad-target", "no session given");
        }
        SessionId byName;
        synchronized (namesLock) {
            byName = names.get(target);
        }
        if (byName != null) {
            Session s = sessions.get(byName);
            if (s != null) {
                return s;
            }
        }
        String lower = target.toLowerCase(java.util.Locale.ROOT);
        List<Session> matches = new ArrayList<>();
        for (Session s : sessions.values()) {
            if (s.id().full().startsWith(lower)) {
                matches.add(s);
            }
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new UserError("not-found", "no session named \"" + SessionName.printable(target) + "\"; see scarab ls");
        }
        matches.sort(Comparator.comparing(Session::id));
        StringBuilder b = new StringBuilder("ambiguous session id prefix \"" + target + "\" matches ");
        for (int i = 0; i < matches.size(); i++) {
            Session s = matches.get(i);
            b.append(i == 0 ? "" : ", ").append(s.id().shortForm()).append(" (").append(s.meta().name()).append(')');
        }
        throw new UserError("ambiguous", b.append("; type more of the id").toString());
    }

    public SessionMeta rename(Session session, String newName) {
        String problem = SessionName.problem(newName);
        if (problem != null) {
            throw new UserError("bad-name", problem);
        }
        String oldName = session.meta().name();
        if (oldName.equals(newName)) {
            return session.meta();
        }
        reserveName(newName, session.id());
        SessionMeta before;
        SessionMeta after;
        synchronized (session) {
            before = session.meta();
            after = session.updateMeta(m -> m.withName(newName));
            try {
                store.save(after).join();
            } catch (CompletionException e) {
                session.updateMeta(m -> m.withName(before.name()));
                releaseName(newName, session.id());
                throw new UserError("store-failed", "not renamed: " + e.getCause().getMessage());
            }
        }
        releaseName(before.name(), session.id());
        log.info("session renamed: {} {} -> {}", session.id().shortForm(), before.name(), newName);
        return after;
    }

    /** Removes a session: its process is ended and its row deleted before this returns. */
    public void kill(Session session) {
        try {
            store.delete(session.id()).join();
        } catch (CompletionException e) {
            throw new UserError("store-failed", "not killed: " + e.getCause().getMessage());
        }
        sessions.remove(session.id());
        releaseName(session.meta().name(), session.id());
        session.terminate(KILL_GRACE_MILLIS);
        log.info("session killed: {} {}", session.id().shortForm(), session.meta().name());
    }

    @Override
    public void exited(Session session, int exitCode) {
        if (shuttingDown || !sessions.containsKey(session.id())) {
            session.markExited(exitCode);
            return;
        }
        SessionMeta meta = session.updateMeta(m -> m.withExit(exitCode));
        log.info("session exited: {} {} status {}", session.id().shortForm(), meta.name(), exitCode);
        store.save(meta).whenComplete((ok, err) -> session.markExited(exitCode));
    }

    /** Daemon shutdown: ends every process (their rows stay; they come back as stopped). */
    public void shutdown() {
        shuttingDown = true;
        sessions.values().parallelStream().forEach(s -> s.terminate(KILL_GRACE_MILLIS));
    }

    public SessionStore store() {
        return store;
    }

}
