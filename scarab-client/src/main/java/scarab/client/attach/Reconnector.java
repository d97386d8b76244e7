package scarab.client.attach;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import scarab.client.daemon.DaemonConnection;

/**
 * For an attach to another machine's daemon: when the connection is lost (ssh died, the network
 * went, the laptop slept), connects again and again, with a growing pause, saying so on the
 * terminal's last row, until it works or the user detaches ({@code C-b d}, seen by the keyboard
 * thread: {@link #requestDetach}). The attach loop then attaches anew, which redraws the whole
 * screen from the daemon.
 */
final class Reconnector {
    /** Opens a new connection to the remote daemon (ssh, the proxy, the hello). */
    interface Connector {
        DaemonConnection connect() throws IOException;
    }

    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long MAX_PAUSE_MILLIS = 5000;

    private final String host;
    private final Connector connector;
    /** This client for the daemon's numbering of input, the same over every connection. */
    final String clientId = UUID.randomUUID().toString();
    private final CountDownLatch detach = new CountDownLatch(1);
    private volatile boolean active;

    Reconnector(String host, Connector connector) {
        this.host = host;
        this.connector = connector;
    }

    String host() {
        return host;
    }

    /** Is a reconnect under way (the keyboard's detach keys are for this client then)? */
    boolean active() {
        return active;
    }

    /** The user typed the detach keys while disconnected. */
    void requestDetach() {
        detach.countDown();
    }

    /**
     * Connects again, however long it takes.
     *
     * @param terminal where the notice goes
     * @param rows     the terminal's height now
     * @return the new connection, or null when the user detached meanwhile
     */
    DaemonConnection reconnect(OutputStream terminal, IntSupplier rows) throws IOException {
        active = true;
        long start = System.nanoTime();
        long pause = FIRST_PAUSE_MILLIS;
        try {
            while (true) {
                status(terminal, rows, start);
                CompletableFuture<DaemonConnection> attempt = new CompletableFuture<>();
                Thread t = new Thread(() -> {
                    try {
                        attempt.complete(connector.connect());
                    } catch (IOException | RuntimeException e) {
                        attempt.completeExceptionally(e);
                    }
                }, "scarab-reconnect");
                t.setDaemon(true);
                t.start();
                while (true) {
                    try {
                        return attempt.get(waitStep(), TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        if (detached()) {
                            attempt.thenAccept(DaemonConnection::close);
                            return null;
                        }
                        status(terminal, rows, start);
                    } catch (ExecutionException e) {
                        break; // not yet: pause, then again
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                }
                long until = System.nanoTime() + pause * 1_000_000L;
                while (true) {
                    long left = (until - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) {
                        break;
                    }
                    try {
                        if (detach.await(Math.min(left, 1000), TimeUnit.MILLISECONDS)) {
                            return null;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                    status(terminal, rows, start);
                }
                pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
            }
        } finally {
            active = false;
        }
    }

    private boolean detached() {
        return detach.getCount() == 0;
    }

    /** How long to wait for an attempt before the notice's seconds are redrawn (and detach looked at). */
    private static long waitStep() {
        return 250;
    }

    /** {@code [reconnecting to HOST… (Ns)]} on the last row, the cursor left where it was. */
    private void status(OutputStream terminal, IntSupplier rows, long start) throws IOException {
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        String line = "\0337\033[" + Math.max(1, rows.getAsInt()) + ";1H\033[0m\033[7m[reconnecting to " + host
                + "\u2026 (" + seconds + "s)]\033[0m\033[K\0338";
        terminal.write(line.getBytes(StandardCharsets.UTF_8));
        terminal.flush();
    }
}
