package scarab.client.play;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Attributes;
import org.jline.terminal.impl.jni.JniTerminalProvider;
import org.jline.terminal.spi.Pty;
import org.jline.terminal.spi.SystemStream;
import scarab.client.ClientError;

/**
 * {@code scarab play}: writes a recording's output to this terminal at the pace it was recorded
 * ({@code speed} times faster; a pause longer than {@code idleLimit} seconds shortened to it).
 * On a terminal, keys: {@code q} (or Ctrl-C) quits, space pauses and goes on. The terminal is put
 * in raw mode meanwhile (no echo of the keys, the recording's bytes written as they are) and put
 * back after. {@code hold}: at the end, wait for {@code q} (a replay session keeps showing the last
 * screen until then).
 */
public final class Player {
    private static final int QUIT = -2;

    private final OutputStream out;
    private final double speed;
    private final Double idleLimit;
    private final boolean hold;
    private final LinkedBlockingQueue<Integer> keys = new LinkedBlockingQueue<>();
    private boolean keyboard;

    private Player(OutputStream out, double speed, Double idleLimit, boolean hold) {
        this.out = out;
        this.speed = speed;
        this.idleLimit = idleLimit;
        this.hold = hold;
    }

    /** Checks the numbers before anything is read. */
    public static int play(OutputStream out, Path file, String speed, String idleLimit, boolean hold, boolean terminal)
            throws IOException {
        double s = number("--speed", speed == null ? "1" : speed);
        if (s <= 0) {
            throw new IllegalArgumentException("--speed must be above 0");
        }
        Double idle = idleLimit == null ? null : number("--idle-limit", idleLimit);
        if (idle != null && idle <= 0) {
            throw new IllegalArgumentException("--idle-limit must be above 0 seconds");
        }
        if (!Files.isRegularFile(file)) {
            throw new ClientError(file + ": No such file");
        }
        try (Cast cast = Cast.open(file)) {
            Player p = new Player(out, s, idle != null ? idle : cast.idleTimeLimit(), hold);
            return p.run(cast, terminal);
        }
    }

    private static double number(String option, String text) {
        try {
            double d = Double.parseDouble(text.strip());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " wants a number, not \"" + text + "\"");
    }

    private int run(Cast cast, boolean terminal) throws IOException {
        Pty pty = null;
        Attributes saved = null;
        if (terminal) {
            try {
                pty = new JniTerminalProvider().current(SystemStream.Input);
                saved = pty.getAttr();
                pty.setAttr(raw(saved));
                keyboard = true;
                startKeys(new FileInputStream(FileDescriptor.in));
            } catch (Throwable t) {
                pty = null; // not a terminal after all: played without keys
            }
        }
        try {
            if (!playAll(cast)) {
                return 0;
            }
            if (hold && keyboard) {
                while (true) {
                    int k = key(Long.MAX_VALUE);
                    if (k == 'q' || k == 3 || k == QUIT) {
                        break;
                    }
                }
            }
            return 0;
        } finally {
            if (pty != null) {
                pty.setAttr(saved);
            }
        }
    }

    /** False when quit. */
    private boolean playAll(Cast cast) throws IOException {
        long start = System.nanoTime();
        double shift = 0; // seconds of recording left out: idle time beyond the limit
        double last = 0;
        Cast.Event e;
        while ((e = cast.next()) != null) {
            if (!e.code().equals("o")) {
                continue;
            }
            double gap = e.time() - last;
            if (idleLimit != null && gap > idleLimit) {
                shift += gap - idleLimit;
            }
            last = e.time();
            long due = start + (long) ((e.time() - shift) / speed * 1e9);
            while (true) {
                long now = System.nanoTime();
                if (now >= due && keys.isEmpty()) {
                    break;
                }
                out.flush();
                int k = key(keyboard ? Math.max(0, due - now) : 0);
                if (k == 'q' || k == 3 || k == QUIT) {
                    out.flush();
                    return false;
                }
                if (k == ' ') {
                    long paused = System.nanoTime();
                    int resume;
                    do {
                        resume = key(Long.MAX_VALUE);
                    } while (resume != ' ' && resume != 'q' && resume != 3 && resume != QUIT);
                    if (resume != ' ') {
                        return false;
                    }
                    long away = System.nanoTime() - paused;
                    start += away;
                    due += away;
                } else if (k < 0 && !keyboard) {
                    sleep(Math.max(0, due - System.nanoTime()));
                }
            }
            out.write(e.data().getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
        return true;
    }

    /** The next key within {@code nanos}, -1 if none; {@link #QUIT} when the keyboard is gone. */
    private int key(long nanos) {
        if (!keyboard) {
            return -1;
        }
        try {
            Integer k = nanos == Long.MAX_VALUE ? keys.take() : keys.poll(nanos, TimeUnit.NANOSECONDS);
            return k == null ? -1 : k;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return QUIT;
        }
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startKeys(InputStream in) {
        Thread t = new Thread(() -> {
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    keys.add(b);
                }
            } catch (IOException e) {
                // the terminal went away
            }
            keys.add(QUIT);
        }, "scarab-play-keys");
        t.setDaemon(true);
        t.start();
    }

    private static Attributes raw(Attributes saved) {
        Attributes raw = new Attributes(saved);
        raw.setInputFlags(EnumSet.of(Attributes.InputFlag.ICRNL, Attributes.InputFlag.IXON), false);
        raw.setOutputFlag(Attributes.OutputFlag.OPOST, false);
        raw.setLocalFlags(EnumSet.of(Attributes.LocalFlag.ECHO, Attributes.LocalFlag.ICANON, Attributes.LocalFlag.ISIG,
                Attributes.LocalFlag.IEXTEN), false);
        raw.setControlChar(Attributes.ControlChar.VMIN, 1);
        raw.setControlChar(Attributes.ControlChar.VTIME, 0);
        return raw;
    }
}
