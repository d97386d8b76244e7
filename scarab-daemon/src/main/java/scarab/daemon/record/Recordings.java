package scarab.daemon.record;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.UserError;
import scarab.daemon.session.Pane;
import scarab.daemon.store.RecordingRows;
import scarab.daemon.store.SessionStore;
import scarab.daemon.store.StoredRecording;

/**
 * Every recording of the daemon, one per pane at most ({@code record start}, {@code new --record}),
 * each kept in the store so that it goes on after a restart, in the same file: after a restart
 * (the pane's program started again) behind an {@code "m"} marker and the screen drawn again;
 * after an in-place upgrade (the same program) with nothing between. A recording ends with
 * {@code record stop}, its pane's end, or a file it cannot write.
 */
public final class Recordings {
    private static final Logger log = LoggerFactory.getLogger(Recordings.class);
    /** The TERM every pane gets (PtyLauncher). */
    private static final String TERM = "xterm-256color";

    private final RecordingRows rows;
    private final ConcurrentHashMap<Integer, Recording> active = new ConcurrentHashMap<>();
    /** Stored recordings whose pane has not run again yet since the daemon started. */
    private final ConcurrentHashMap<Integer, StoredRecording> waiting = new ConcurrentHashMap<>();

    public Recordings(SessionStore store) {
        this.rows = new RecordingRows(store);
    }

    /** A new file, created and checked, for a recording about to start (so a mistake is told before anything else happens). */
    public static final class Prepared {
        private final Path path;
        private final CastFormat format;
        private final boolean input;
        private final long timestamp;
        private CastFile file;

        private Prepared(Path path, CastFormat format, boolean input, long timestamp, CastFile file) {
            this.path = path;
            this.format = format;
            this.input = input;
            this.timestamp = timestamp;
            this.file = file;
        }

        /** Not used after all (the session was not created): the empty file goes. */
        public void discard() {
            if (file != null) {
                try {
                    file.close();
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    log.warn("cannot remove {}: {}", path, e.getMessage());
                }
                file = null;
            }
        }
    }

    /** Creates the file ({@code path} absolute); an existing file is refused, never overwritten. */
    public static Prepared prepare(String path, String format, boolean input) {
        CastFormat f;
        try {
            f = CastFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new UserError("bad-argument", e.getMessage());
        }
        if (path == null || path.isEmpty()) {
            throw new UserError("bad-argument", "no file given to record to");
        }
        Path p = Path.of(path);
        if (!p.isAbsolute()) {
            throw new UserError("bad-argument", "the file to record to must be an absolute path: " + path);
        }
        long timestamp = System.currentTimeMillis() / 1000;
        try {
            return new Prepared(p, f, input, timestamp, CastFile.create(p, f, timestamp));
        } catch (FileAlreadyExistsException e) {
            throw new UserError("file-exists", path + " exists already (a recording never overwrites a file)");
        } catch (NoSuchFileException e) {
            throw new UserError("bad-file", path + ": No such file or directory");
        } catch (IOException e) {
            throw new UserError("bad-file", "cannot create " + path + ": " + e.getMessage());
        }
    }

    /**
     * Starts recording {@code pane} into a prepared file; its row is stored before this returns
     * (a daemon killed at once still goes on with it). For {@code new --record}, before the pane's
     * output is read: the file then has every byte of it.
     */
    public void start(Pane pane, Prepared prepared) {
        synchronized (this) {
            Recording current = active.get(pane.id());
            if (current != null) {
                prepared.discard();
                throw new UserError("already-recording", "pane " + pane.label() + " is already being recorded to "
                        + current.row().file());
            }
            StoredRecording row = new StoredRecording(pane.id(), prepared.path.toString(), prepared.format.version(),
                    prepared.input, prepared.timestamp);
            try {
                rows.save(row).join();
            } catch (CompletionException e) {
                prepared.discard();
                throw new UserError("store-failed", "recording not started: " + e.getCause().getMessage());
            }
            waiting.remove(pane.id());
            Recording r = new Recording(pane, prepared.file, row, this);
            prepared.file = null;
            active.put(pane.id(), r);
            r.begin(header(pane));
            watchExit(pane, r);
        }
        log.info("recording pane {} to {} (asciicast v{}{})", pane.label(), prepared.path, prepared.format.version(),
                prepared.input ? ", with input" : "");
        published("recording-started", pane, prepared.path.toString(), null);
    }

    private static Recording.Header header(Pane pane) {
        String title = pane.meta().title();
        if (title == null || title.isEmpty()) {
            title = pane.session().meta().name();
        }
        List<String> command = pane.meta().command();
        String shell = System.getenv("SHELL");
        return new Recording.Header(title, command == null ? null : String.join(" ", command), TERM,
                shell == null || shell.isEmpty() ? "/bin/sh" : shell);
    }

    private void watchExit(Pane pane, Recording r) {
        pane.exitFuture().thenAccept(status -> {
            if (active.remove(pane.id(), r)) {
                r.exited(status);
                rows.delete(pane.id());
                log.info("recording of pane {} to {} ended with its program (status {})", pane.label(), r.row().file(),
                        status);
                published("recording-stopped", pane, r.row().file(), "exited");
            }
        });
    }

    /** {@code record stop}: the file is complete when this returns. */
    public String stop(Pane pane) {
        Recording r;
        synchronized (this) {
            r = active.remove(pane.id());
            if (r == null) {
                StoredRecording w = waiting.remove(pane.id());
                if (w == null) {
                    throw new UserError("not-recording", "pane " + pane.label() + " is not being recorded");
                }
                rows.delete(pane.id()).join();
                return w.file();
            }
        }
        r.stop();
        rows.delete(pane.id()).join();
        log.info("recording of pane {} to {} stopped", pane.label(), r.row().file());
        published("recording-stopped", pane, r.row().file(), "stopped");
        return r.row().file();
    }

    /** The event stream hears of a recording that starts or ends ({@code why}: stopped, exited). */
    private static void published(String type, Pane pane, String file, String why) {
        scarab.daemon.events.EventFields fields = scarab.daemon.session.SessionEvents.fields(pane).put("file", file);
        if (why != null) {
            fields.put("reason", why);
        }
        scarab.daemon.events.EventBus.daemon().publish(type, fields);
    }

    /** The file pane {@code id} is recorded to, or null. */
    public String fileOf(int paneId) {
        Recording r = active.get(paneId);
        return r != null ? r.row().file() : null;
    }

    /** A recording failed (its file cannot be written): it ends; its row goes. */
    void failed(Recording r) {
        if (active.remove(r.pane().id(), r)) {
            rows.delete(r.pane().id());
        }
    }

    /**
     * At start, before any pane is read: the stored recordings. Those of panes that are gone are
     * dropped; the others wait for their pane to run ({@link #resume}).
     */
    public void load(Set<Integer> paneIds) {
        List<StoredRecording> stored;
        try {
            stored = rows.loadAll();
        } catch (RuntimeException e) {
            log.warn("stored recordings not read: {}", e.getMessage());
            return;
        }
        for (StoredRecording r : stored) {
            if (paneIds.contains(r.paneId())) {
                waiting.put(r.paneId(), r);
            } else {
                rows.delete(r.paneId());
            }
        }
    }

    /**
     * A pane runs again after the daemon started ({@code continuous}: the same program, handed
     * over by an upgrade): its stored recording, if any, goes on. Before its output is read.
     */
    public void resume(Pane pane, boolean continuous) {
        StoredRecording row = waiting.remove(pane.id());
        if (row == null) {
            return;
        }
        CastFile file;
        try {
            file = CastFile.reopen(Path.of(row.file()), CastFormat.of(row.format()), row.startedAt());
        } catch (IOException e) {
            log.warn("recording of pane {} to {} does not go on: {}", pane.label(), row.file(), e.getMessage());
            rows.delete(pane.id());
            return;
        }
        Recording r = new Recording(pane, file, row, this);
        synchronized (this) {
            active.put(pane.id(), r);
            r.resume(continuous);
            watchExit(pane, r);
        }
        log.info("recording of pane {} to {} goes on{}", pane.label(), row.file(), continuous ? "" : " after a restart");
    }

    /**
     * The daemon stops: every file is written to the end and closed, and the rows stay, so the
     * recordings go on when it starts again. The panes' ends that follow do not end them.
     */
    public void suspendAll() {
        List<Recording> all;
        synchronized (this) {
            all = new ArrayList<>(active.values());
            active.clear();
        }
        all.forEach(Recording::stop);
    }

    /** An upgrade's hand-over (the readers parked): every queued line is in its file when this returns. */
    public void flushAll(long millis) {
        for (Recording r : active.values()) {
            if (!r.flush(millis)) {
                log.warn("recording of pane {} to {} not flushed within {} ms", r.pane().label(), r.row().file(), millis);
            }
        }
    }

    /** What the daemon records now, pane id to file (for tests and status). */
    public Map<Integer, String> files() {
        Map<Integer, String> out = new java.util.TreeMap<>();
        active.forEach((id, r) -> out.put(id, r.row().file()));
        return out;
    }
}
