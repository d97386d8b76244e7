package scarab.daemon.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.session.Pane;
import scarab.daemon.session.PaneTap;
import scarab.daemon.terminal.Renderer;
import scarab.daemon.terminal.Screen;
import scarab.daemon.store.StoredRecording;

/**
 * One pane's recording: a {@link PaneTap} that copies what the pane prints (and, if asked, what is
 * typed) into a queue, and a thread of its own that turns the queue into asciicast lines.
 *
 * <p>The output path (the poller thread, under the pane's write lock) only copies the bytes and
 * queues them with the time: no file, no JSON, no lock of its own. The queue is bounded by the
 * bytes it holds ({@link #LIMIT}): a file that cannot keep up (a slow disk, a flood) makes the
 * recording drop output, never the pane wait. Once the writer has caught up, the recording says so
 * with an {@code "m"} marker and draws the screen as it is then, so the file plays back right from
 * there on. The writer writes whatever it took from the queue in one {@code write}, whole lines
 * only: nothing waits in this process, so a {@code kill -9} loses only what was still queued.
 */
final class Recording implements PaneTap {
    private static final Logger log = LoggerFactory.getLogger(Recording.class);
    /** The most output bytes a recording queues; past it output is dropped until half is written. */
    static final long LIMIT = 16L * 1024 * 1024;
    private static final java.util.concurrent.atomic.AtomicInteger THREADS = new java.util.concurrent.atomic.AtomicInteger();

    /** What the writer is to do next, in order. {@code kind}: o i r m x, H header, S stop, F flush barrier. */
    private record Event(long nanos, char kind, byte[] data, int a, int b, boolean reset, CompletableFuture<Void> done) {
        int size() {
            return data == null ? 0 : data.length;
        }
    }

    /** What the header says besides the size. */
    record Header(String title, String command, String term, String shell) {}

    private final Pane pane;
    private final CastFile file;
    private final StoredRecording row;
    private final Recordings owner;
    private final LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final long openEpochMicros;
    private final long openNanos;
    private final Thread writer;
    private volatile boolean closed;
    /** Poller thread only: output is being dropped, and how much. */
    private boolean behind;
    private long lost;

    Recording(Pane pane, CastFile file, StoredRecording row, Recordings owner) {
        this.pane = pane;
        this.file = file;
        this.row = row;
        this.owner = owner;
        java.time.Instant now = java.time.Instant.now();
        this.openNanos = System.nanoTime();
        this.openEpochMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
        this.writer = new Thread(this::write, "scarab-record-" + THREADS.incrementAndGet());
        writer.setDaemon(true);
    }

    Pane pane() {
        return pane;
    }

    StoredRecording row() {
        return row;
    }

    /**
     * Starts recording a new file: the header with the pane's size, then, unless the pane has not
     * printed anything yet, its screen as it is drawn, so that the file plays back from a screen
     * like the pane's. From then on every byte the pane prints.
     */
    void begin(Header header) {
        headerInfo = header;
        writer.start();
        pane.tap(this, screen -> {
            add(new Event(System.nanoTime(), 'H', null, screen.cols(), screen.rows(), false, null));
            if (pane.bytesRead() > 0 || pane.restored()) {
                add(event('o', Renderer.render(screen)));
            }
            return null;
        });
    }

    /**
     * Goes on with a file after a restart: an {@code "m"} marker saying why there may be a gap,
     * the size, and the screen drawn as it is now; after an upgrade (the same processes, whose
     * output waited in the kernel meanwhile) nothing: the file simply goes on.
     */
    void resume(boolean continuous) {
        writer.start();
        pane.tap(this, screen -> {
            if (!continuous) {
                add(event('m', "daemon restarted".getBytes(StandardCharsets.UTF_8)));
                add(new Event(System.nanoTime(), 'r', null, screen.cols(), screen.rows(), false, null));
                add(event('o', Renderer.render(screen)));
            }
            return null;
        });
    }

    /** Set before the writer starts, which alone reads it. */
    private Header headerInfo;

    private static Event event(char kind, byte[] data) {
        return new Event(System.nanoTime(), kind, data, 0, 0, false, null);
    }

    private void add(Event e) {
        queued.addAndGet(e.size());
        queue.add(e);
    }

    @Override
    public void output(Screen screen, byte[] buffer, int length) {
        if (closed) {
            return;
        }
        try {
            if (behind) {
                if (queued.get() > LIMIT / 2) {
                    lost += length;
                    return;
                }
                behind = false;
                // The screen has this chunk already: its picture stands for everything dropped.
                add(new Event(System.nanoTime(), 'm', ("scarab: " + lost + " bytes of output not recorded (the file"
                        + " fell behind); the screen is drawn again").getBytes(StandardCharsets.UTF_8), 0, 0, true, null));
                add(event('o', Renderer.render(screen)));
                lost = 0;
                return;
            }
            if (queued.get() + length > LIMIT) {
                behind = true;
                lost = length;
                return;
            }
            add(event('o', Arrays.copyOf(buffer, length)));
        } catch (RuntimeException | OutOfMemoryError e) {
            // Never the pane's problem: the recording ends, the output goes on.
            log.warn("recording of pane {} to {} failed on its output: {}", pane.label(), file.path(), e.toString());
            end(null);
            owner.failed(this);
        }
    }

    @Override
    public void resized(int cols, int rows) {
        if (!closed) {
            add(new Event(System.nanoTime(), 'r', null, cols, rows, false, null));
        }
    }

    @Override
    public void input(byte[] data) {
        if (!closed && row.input() && queued.get() + data.length <= LIMIT) {
            add(event('i', data.clone()));
        }
    }

    /**
     * The pane's program ended: v3 writes the exit event; the file is closed once what is queued
     * is written. Does not wait for that (this may be the poller's thread).
     */
    void exited(int status) {
        end(file.format() == CastFormat.V3 ? status : null);
    }

    /** Ends the recording ({@code record stop}, the daemon stopping) and returns once the file is written and closed. */
    void stop() {
        end(null);
        try {
            writer.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void end(Integer exitStatus) {
        if (closed) {
            return;
        }
        pane.untap(this);
        closed = true;
        if (exitStatus != null) {
            add(new Event(System.nanoTime(), 'x', null, exitStatus, 0, false, null));
        }
        add(new Event(System.nanoTime(), 'S', null, 0, 0, false, null));
    }

    /** Returns once everything queued before it is in the file (an upgrade's hand-over waits for this). */
    boolean flush(long millis) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        add(new Event(System.nanoTime(), 'F', null, 0, 0, false, done));
        try {
            done.get(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private long micros(long nanos) {
        return openEpochMicros + (nanos - openNanos) / 1000;
    }

    /** The writer thread: takes what is queued, all of it at once, and writes it in one go. */
    private void write() {
        ByteBuf out = new ByteBuf();
        Utf8Json output = new Utf8Json();
        Utf8Json typed = new Utf8Json();
        List<Event> batch = new ArrayList<>();
        List<CompletableFuture<Void>> flushed = new ArrayList<>();
        boolean stop = false;
        try {
            while (!stop) {
                batch.add(queue.take());
                queue.drainTo(batch, 4096);
                long bytes = 0;
                for (Event e : batch) {
                    bytes += e.size();
                    switch (e.kind()) {
                        case 'H' -> {
                            Header h = headerInfo;
                            file.header(out, e.a(), e.b(), h.title(), h.command(), h.term(), h.shell());
                        }
                        case 'o' -> text(out, e, output);
                        case 'i' -> text(out, e, typed);
                        case 'm' -> {
                            if (e.reset()) {
                                output.reset();
                            }
                            file.beginEvent(out, micros(e.nanos()), 'm');
                            new Utf8Json().append(e.data(), 0, e.data().length, out);
                            file.endEvent(out);
                        }
                        case 'r' -> {
                            file.beginEvent(out, micros(e.nanos()), 'r');
                            out.ascii(e.a() + "x" + e.b());
                            file.endEvent(out);
                        }
                        case 'x' -> {
                            file.beginEvent(out, micros(e.nanos()), 'x');
                            out.ascii(Integer.toString(e.a()));
                            file.endEvent(out);
                        }
                        case 'F' -> flushed.add(e.done());
                        case 'S' -> stop = true;
                        default -> throw new IllegalStateException("unknown event " + e.kind());
                    }
                    if (stop) {
                        break;
                    }
                }
                if (stop) {
                    int mark = out.length();
                    file.beginEvent(out, micros(System.nanoTime()), 'o');
                    int body = out.length();
                    output.finish(out);
                    if (out.length() == body) {
                        out.truncate(mark);
                    } else {
                        file.endEvent(out);
                    }
                }
                batch.clear();
                if (out.length() > 0) {
                    file.write(out);
                    out.clear();
                }
                queued.addAndGet(-bytes);
                flushed.forEach(f -> f.complete(null));
                flushed.clear();
            }
        } catch (IOException e) {
            log.warn("recording of pane {} to {} stopped: cannot write: {}", pane.label(), file.path(), e.getMessage());
            closed = true;
            owner.failed(this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("recording of pane {} to {} stopped", pane.label(), file.path(), e);
            closed = true;
            owner.failed(this);
        } finally {
            flushed.forEach(f -> f.complete(null));
            queue.clear();
            try {
                file.close();
            } catch (IOException e) {
                log.warn("closing recording {}: {}", file.path(), e.getMessage());
            }
        }
    }

    /** An "o" or "i" event; none when the bytes were only the start of a character (it comes with the next). */
    private void text(ByteBuf out, Event e, Utf8Json decoder) {
        int mark = out.length();
        file.beginEvent(out, micros(e.nanos()), e.kind());
        int body = out.length();
        decoder.append(e.data(), 0, e.data().length, out);
        if (out.length() == body) {
            out.truncate(mark);
        } else {
            file.endEvent(out);
        }
    }
}
