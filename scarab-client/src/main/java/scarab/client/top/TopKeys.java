package scarab.client.top;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.ControlChar;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.impl.jni.JniTerminalProvider;
import org.jline.terminal.spi.Pty;
import org.jline.terminal.spi.SystemStream;

/**
 * The keys {@code top} listens for while it waits: q quits. The terminal reads keys one at a time
 * without echo (the rest of its settings, Ctrl-C included, stay), and gets its settings back at
 * the end, also when the JVM ends on Ctrl-C.
 */
class TopKeys implements AutoCloseable {
    private final Object lock = new Object();
    private boolean quit;

    /** No terminal: waits only. */
    static TopKeys none() {
        return new TopKeys();
    }

    static TopKeys open() throws IOException {
        Pty pty = new JniTerminalProvider().current(SystemStream.Output);
        Attributes saved = pty.getAttr();
        Attributes keys = new Attributes(saved);
        keys.setLocalFlags(EnumSet.of(LocalFlag.ICANON, LocalFlag.ECHO), false);
        keys.setControlChar(ControlChar.VMIN, 1);
        keys.setControlChar(ControlChar.VTIME, 0);
        pty.setAttr(keys);
        return new OnTerminal(pty, saved, new FileInputStream(FileDescriptor.in));
    }

    /** True when q was typed before {@code millis} passed (then at once). */
    boolean quitWithin(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (lock) {
            long left;
            while (!quit && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            }
            return quit;
        }
    }

    void typed(int key) {
        if (key == 'q' || key == 'Q' || key < 0) {
            synchronized (lock) {
                quit = true;
                lock.notifyAll();
            }
        }
    }

    /** The terminal's height, 0 when unknown. */
    int rows() {
        return 0;
    }

    @Override
    public void close() {
    }

    private static final class OnTerminal extends TopKeys {
        private final Pty pty;
        private final Attributes saved;
        private final AtomicBoolean restored = new AtomicBoolean();
        private final Thread hook;

        OnTerminal(Pty pty, Attributes saved, InputStream in) {
            this.pty = pty;
            this.saved = saved;
            this.hook = new Thread(this::restore, "scarab-top-restore");
            Runtime.getRuntime().addShutdownHook(hook);
            Thread reader = new Thread(() -> {
                try {
                    int b;
                    do {
                        b = in.read();
                        typed(b);
                    } while (b >= 0);
                } catch (IOException e) {
                    typed(-1);
                }
            }, "scarab-top-keys");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        int rows() {
            try {
                return pty.getSize().getRows();
            } catch (IOException e) {
                return 0;
            }
        }

        private void restore() {
            if (restored.compareAndSet(false, true)) {
                try {
                    pty.setAttr(saved);
                } catch (IOException e) {
                    // the terminal is gone: nothing to put back
                }
                // Ctrl-C ends the JVM here: leave the alternate screen as the normal end does.
                System.out.print("\033[?25h\033[?1049l");
                System.out.flush();
            }
        }

        @Override
        public void close() {
            boolean first = !restored.get();
            restored.set(true);
            if (first) {
                try {
                    pty.setAttr(saved);
                } catch (IOException e) {
                    // the terminal is gone
                }
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is ending: the hook runs, and finds it done
            }
        }
    }
}
