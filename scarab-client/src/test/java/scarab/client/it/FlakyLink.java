package scarab.client.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bad network between a client and {@code scarab proxy}: the stand-in for ssh connects here
 * (bash's /dev/tcp), and each connection runs a proxy of its own and relays both ways with a
 * delay, then, while {@link #cutting} cuts are left, is cut at a random moment (the socket closed
 * and the proxy killed: what was in flight is lost, as on a dropped link).
 */
final class FlakyLink implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> proxyCommand;
    private final Map<String, String> env;
    private final long delayMillis;
    private final Random random;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicInteger cutsLeft = new AtomicInteger();
    /** Counts the calls of {@link #cutting}: a cut planned before the last call is not made. */
    private final AtomicInteger plan = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger cuts = new AtomicInteger();
    /** Writes carried from the client towards the proxy, over all connections. */
    final AtomicInteger upWrites = new AtomicInteger();
    private volatile boolean closed;

    FlakyLink(List<String> proxyCommand, Map<String, String> env, long delayMillis, long seed) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.proxyCommand = proxyCommand;
        this.env = env;
        this.delayMillis = delayMillis;
        this.random = new Random(seed);
        Thread t = new Thread(this::accept, "flaky-link-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** From now on, cut each connection at a random moment, {@code n} times in all. */
    void cutting(int n) {
        plan.incrementAndGet();
        cutsLeft.set(n);
        for (Link l : links) {
            if (l.greeted) {
                l.scheduleCut();
            }
        }
    }

    /**
     * Every live connection stops carrying anything, either way, without closing: a link gone
     * silent (what is sent meanwhile is held, and lost with the connection). New connections work.
     */
    void stall() {
        for (Link l : links) {
            l.stalled = true;
        }
    }

    /** Cuts every live connection now. */
    void cutNow() {
        for (Link l : links) {
            l.cut();
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = server.accept();
                ProcessBuilder pb = new ProcessBuilder(proxyCommand);
                pb.environment().clear();
                pb.environment().putAll(env);
                pb.redirectError(ProcessBuilder.Redirect.DISCARD);
                Process proxy = pb.start();
                connections.incrementAndGet();
                Link l = new Link(s, proxy);
                links.add(l);
                l.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private final class Link {
        private final Socket socket;
        private final Process proxy;
        private volatile boolean cut;
        private volatile boolean greeted;
        private volatile boolean stalled;

        Link(Socket socket, Process proxy) {
            this.socket = socket;
            this.proxy = proxy;
        }

        void start() throws IOException {
            pipe("up", socket.getInputStream(), proxy.getOutputStream(), false);
            pipe("down", proxy.getInputStream(), socket.getOutputStream(), true);
        }

        /** Reads into a queue; a second thread writes each chunk once its delay has passed. */
        private void pipe(String name, InputStream in, OutputStream out, boolean down) {
            LinkedBlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                byte[] b = new byte[16 * 1024];
                boolean first = true;
                try {
                    int n;
                    while ((n = in.read(b)) > 0) {
                        if (down && first) {
                            first = false;
                            greeted = true;
                            scheduleCut();
                        }
                        queue.put(new Object[] {System.nanoTime() + delayMillis * 1_000_000L,
                                java.util.Arrays.copyOf(b, n)});
                    }
                } catch (IOException | InterruptedException e) {
                    // cut or ended
                }
                if (stalled) {
                    cut(); // the far end hung up: a silent link is cut at once (its writer holds)
                }
                queue.add(new Object[0]);
            }, "flaky-" + name + "-in");
            Thread writer = new Thread(() -> {
                try {
                    while (true) {
                        Object[] item = queue.take();
                        if (item.length == 0 || cut) {
                            break;
                        }
                        long wait = ((Long) item[0] - System.nanoTime()) / 1_000_000L;
                        if (wait > 0) {
                            Thread.sleep(wait); // the link's latency, not a test's wait
                        }
                        while (stalled && !cut) {
                            Thread.sleep(10); // a silent link holds what it has, until it is cut
                        }
                        if (cut) {
                            break;
                        }
                        out.write((byte[]) item[1]);
                        out.flush();
                        if (!down) {
                            upWrites.incrementAndGet();
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    // cut
                }
                cut();
            }, "flaky-" + name + "-out");
            reader.setDaemon(true);
            writer.setDaemon(true);
            reader.start();
            writer.start();
        }

        /** Once the proxy has greeted (the link works): a cut at a random moment, while cuts are left. */
        private void scheduleCut() {
            if (cutsLeft.getAndDecrement() <= 0) {
                cutsLeft.incrementAndGet();
                return;
            }
            long after;
            synchronized (random) {
                after = 300 + random.nextInt(1500);
            }
            int planned = plan.get();
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(after); // the random moment of the cut
                } catch (InterruptedException e) {
                    return;
                }
                if (plan.get() != planned) {
                    return; // cutting was set again meanwhile (cutting(0): no more cuts)
                }
                cuts.incrementAndGet();
                cut();
            }, "flaky-cut");
            t.setDaemon(true);
            t.start();
        }

        void cut() {
            if (cut) {
                return;
            }
            cut = true;
            try {
                socket.close();
            } catch (IOException e) {
                // closed
            }
            proxy.destroyForcibly();
            links.remove(this);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Link l : links) {
            l.cut();
        }
    }
}
