package scarab.daemon.session;

import com.pty4j.PtyProcess;
import com.pty4j.WinSize;
import com.pty4j.unix.UnixPtyProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named terminal session: a process on a pseudo-terminal plus its metadata.
 *
 * <p>Threads: one reader thread per running session drains the PTY. Metadata is an immutable
 * {@link SessionMeta} in a volatile field; every change goes through a method synchronized on
 * this session, so changes never interleave and readers always see a whole version.
 */
public final class Session {
    private static final Logger log = LoggerFactory.getLogger(Session.class);
    private static final int READ_BUFFER = 16 * 1024;

    private final SessionId id;
    private volatile SessionMeta meta;
    private final PtyProcess process;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final AtomicLong bytesRead = new AtomicLong();
    private final boolean restored;

    private Session(SessionMeta meta, PtyProcess process, boolean restored) {
        this.id = meta.id();
        this.meta = meta;
        this.process = process;
        this.restored = restored;
        if (meta.exited()) {
            exit.complete(meta.exitCode() == null ? -1 : meta.exitCode());
        }
    }

    /** A session whose process is running now; call {@link #startReader} once it is registered. */
    static Session running(SessionMeta meta, PtyProcess process) {
        return new Session(meta, process, false);
    }

    /** A session known from the store whose process is gone (daemon restart) or had exited. */
    static Session withoutProcess(SessionMeta meta) {
        return new Session(meta, null, true);
    }

    void startReader(SessionEvents events) {
        Thread reader = new Thread(() -> pump(events), "scarab-pty-" + id.shortForm());
        reader.setDaemon(true);
        reader.start();
    }

    private void pump(SessionEvents events) {
        byte[] buffer = new byte[READ_BUFFER];
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytesRead.addAndGet(n);
            }
        } catch (IOException e) {
            // EIO on the master once the last slave holder has gone: the normal end of a session.
            log.debug("pty read ended for {}: {}", id.shortForm(), e.getMessage());
        }
        int code;
        try {
            code = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        events.exited(this, code);
    }

    public SessionId id() {
        return id;
    }

    public SessionMeta meta() {
        return meta;
    }

    synchronized SessionMeta updateMeta(java.util.function.UnaryOperator<SessionMeta> change) {
        meta = change.apply(meta);
        return meta;
    }

    /** {@code running}, {@code exited} or {@code stopped} (no process: the daemon that ran it went away). */
    public String status() {
        SessionMeta m = meta;
        if (m.exited()) {
            return "exited";
        }
        return process != null && process.isAlive() ? "running" : (process == null ? "stopped" : "running");
    }

    public boolean hasProcess() {
        return process != null;
    }

    public boolean restored() {
        return restored;
    }

    /** Clients attached to this session right now. */
    public int clientCount() {
        return 0;
    }

    public long bytesRead() {
        return bytesRead.get();
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Completes with the exit status when the process has ended. */
    public CompletableFuture<Integer> exitFuture() {
        return exit;
    }

    void markExited(int code) {
        exit.complete(code);
    }

    /** Writes input to the PTY. */
    public void write(byte[] data, int off, int len) throws IOException {
        if (process == null || !process.isAlive()) {
            throw new IOException("session " + meta.name() + " has no running process");
        }
        OutputStream out = process.getOutputStream();
        synchronized (out) {
            out.write(data, off, len);
            out.flush();
        }
    }

    public void resizePty(int cols, int rows) {
        if (process != null && process.isAlive()) {
            process.setWinSize(new WinSize(cols, rows));
        }
    }

    /**
     * Ends the process: SIGHUP (what a closing terminal sends, which interactive shells obey),
     * then SIGKILL if it is still there after the grace period.
     */
    void terminate(long graceMillis) {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (process instanceof UnixPtyProcess unix) {
            unix.hangup();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                log.info("session {} ({}) ignored SIGHUP for {} ms; sending SIGKILL", meta.name(), id.shortForm(), graceMillis);
                ProcessHandle.of(process.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
