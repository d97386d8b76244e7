package scarab.daemon.ipc;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scarab.daemon.FatalErrors;

/**
 * Holds new connections until they speak, on one thread ({@code scarab-hello}, a selector), so
 * that an idle connection costs a descriptor and no thread: a connection gets its own thread
 * only once its first bytes arrive. It also keeps the limits: a connection without a hello
 * after {@link ConnectionLimits#helloTimeout} is told so and closed, and when the daemon holds
 * {@link ConnectionLimits#maxConnections} a newcomer takes the place of the oldest connection that
 * has not said a word yet (clients speak at once: an old silent one is the idle one), or, if every
 * one has spoken, is refused with an error saying why. Every change to these collections happens on
 * this thread.
 */
final class HelloWaiter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HelloWaiter.class);

    private final ConnectionLimits limits;
    private final Set<Connection> all;
    private final Selector selector;
    private final ConcurrentLinkedQueue<Connection> arriving = new ConcurrentLinkedQueue<>();
    /** Connections that have not sent a byte, oldest first: they have no thread. */
    private final Set<Connection> silent = new LinkedHashSet<>();
    /** Connections not yet known to be greeted, in the order of their deadlines. */
    private final ArrayDeque<Connection> awaitingHello = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean closed;
    private long refusedCount;

    /** @param all every connection the daemon holds (each removes itself when it closes) */
    HelloWaiter(ConnectionLimits limits, Set<Connection> all) throws IOException {
        this.limits = limits;
        this.all = all;
        this.selector = Selector.open();
        this.thread = new Thread(this::loop, "scarab-hello");
        thread.setDaemon(true);
        thread.start();
    }

    /** Takes a new connection (from the accept thread). */
    void admit(Connection c) {
        arriving.add(c);
        selector.wakeup();
    }

    private void loop() {
        try {
            while (!closed) {
                Connection first = awaitingHello.peekFirst();
                long wait = first == null ? 0 : Math.max(1, (deadline(first) - System.nanoTime()) / 1_000_000);
                selector.select(wait);
                List<Connection> spoke = new ArrayList<>();
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    key.cancel();
                    spoke.add((Connection) key.attachment());
                }
                if (!spoke.isEmpty()) {
                    selector.selectNow(); // completes the cancellations: a registered channel cannot block
                    spoke.forEach(this::serve);
                }
                Connection c;
                while ((c = arriving.poll()) != null) {
                    take(c);
                }
                expire();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                // Nobody new would be served again: a new daemon restores the sessions.
                FatalErrors.exit("the selector of new connections", e);
            }
        }
    }

    private void take(Connection c) {
        if (all.size() >= limits.maxConnections()) {
            Iterator<Connection> oldest = silent.iterator();
            if (oldest.hasNext()) {
                Connection idle = oldest.next();
                oldest.remove();
                idle.refuse("too-many-connections", "the daemon holds " + limits.maxConnections()
                        + " connections; this one had not said a word and makes room for a newer one");
            } else {
                refused();
                c.refuse("too-many-connections", "the daemon already serves " + limits.maxConnections()
                        + " connections (attached clients, waits, scripts); close some and try again");
                return;
            }
        }
        all.add(c);
        try {
            c.channel().configureBlocking(false);
            c.channel().register(selector, SelectionKey.OP_READ, c);
        } catch (IOException e) {
            c.close();
            return;
        }
        silent.add(c);
        awaitingHello.addLast(c);
    }

    /** The first bytes came: the connection gets its thread. */
    private void serve(Connection c) {
        silent.remove(c);
        try {
            c.channel().configureBlocking(true);
        } catch (IOException e) {
            c.close();
            return;
        }
        Thread t = new Thread(c::serve, "scarab-conn-" + c.number());
        t.setDaemon(true);
        t.start();
    }

    private void expire() {
        long now = System.nanoTime();
        Connection c;
        while ((c = awaitingHello.peekFirst()) != null && (c.greeted() || !c.isOpen() || now - deadline(c) >= 0)) {
            awaitingHello.removeFirst();
            if (!c.greeted() && c.isOpen()) {
                if (silent.remove(c)) {
                    c.refuse("hello-timeout", "no hello within " + limits.helloTimeout().toSeconds() + " s; closing");
                } else {
                    // It has a thread that may be writing to it: a blocking write from here could
                    // wait for a client that does not read. Closed without a word.
                    c.close();
                }
            }
        }
    }

    private long deadline(Connection c) {
        return c.acceptedAt() + limits.helloTimeout().toNanos();
    }

    private void refused() {
        if (refusedCount++ % 1000 == 0) {
            log.warn("refusing connections: {} are open, the limit (refused so far: {})", limits.maxConnections(),
                    refusedCount);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            selector.close();
        } catch (IOException e) {
            log.debug("closing the selector: {}", e.getMessage());
        }
        Connection c;
        while ((c = arriving.poll()) != null) {
            c.close();
        }
    }
}
