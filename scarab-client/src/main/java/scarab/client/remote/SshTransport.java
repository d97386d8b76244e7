package scarab.client.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import scarab.client.ClientError;
import scarab.client.daemon.Transport;
import scarab.protocol.Protocol;
import scarab.protocol.ProtocolException;
import scarab.protocol.ProxyGreeting;

/**
 * A daemon on another machine: {@code ssh HOST scarab proxy} as a child process, its standard
 * input and output carrying the frames. What the remote shell prints before the proxy's greeting
 * is skipped ({@link ProxyGreeting}); its standard error is kept (the last few lines) to explain a
 * failure in one line, and never reaches the terminal an attach draws on.
 */
public final class SshTransport implements Transport {
    /** How long ssh and the remote proxy may take to greet (a slow login, a daemon to start). */
    static final long GREETING_MILLIS = 60_000;

    private final String host;
    private final Process process;
    private final InputStream in;
    private final ReadableByteChannel inChannel;
    private final OutputStream out;
    private final StderrTail stderr;

    private SshTransport(String host, Process process, InputStream in, StderrTail stderr) {
        this.host = host;
        this.process = process;
        this.in = in;
        this.inChannel = Channels.newChannel(in);
        this.out = process.getOutputStream();
        this.stderr = stderr;
    }

    /**
     * Runs {@code ssh HOST scarab proxy} and reads its greeting.
     *
     * @param remote where and how to go
     * @param noStart the remote daemon must be running already
     * @throws ClientError with one line saying what went wrong (no scarab there, another protocol
     *                     version, ssh's own complaint)
     */
    public static SshTransport open(Remote remote, boolean noStart) throws IOException {
        return open(remote, noStart, p -> { });
    }

    /** As {@link #open(Remote, boolean)}, telling {@code started} of ssh's process as soon as it runs. */
    public static SshTransport open(Remote remote, boolean noStart, java.util.function.Consumer<Process> started)
            throws IOException {
        List<String> argv = new ArrayList<>(remote.ssh());
        argv.add(remote.host());
        argv.add(remote.remoteCommand() + (noStart ? " --no-start" : "") + " proxy");
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ClientError("cannot run " + String.join(" ", remote.ssh()) + " to reach " + remote.host() + ": "
                    + e.getMessage(), 1, "remote");
        }
        started.accept(p);
        StderrTail stderr = StderrTail.drain(p.getErrorStream());
        InputStream in = p.getInputStream();
        SshTransport t = new SshTransport(remote.host(), p, in, stderr);
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(GREETING_MILLIS, TimeUnit.MILLISECONDS)) {
                    synchronized (t) {
                        if (!t.greeted) {
                            t.timedOut = true;
                            t.close();
                        }
                    }
                }
            } catch (InterruptedException e) {
                // greeted: the watch ends
            }
        }, "scarab-ssh-greeting");
        watchdog.setDaemon(true);
        watchdog.start();
        ProxyGreeting.Seen seen;
        try {
            seen = ProxyGreeting.read(in);
        } catch (ProtocolException e) {
            t.close();
            throw new ClientError(remote.host() + ": " + e.getMessage(), 1, "remote");
        } catch (IOException e) {
            seen = null;
        }
        synchronized (t) {
            t.greeted = true;
        }
        watchdog.interrupt();
        if (seen == null) {
            throw t.failure(remote);
        }
        if (seen.protocol() != Protocol.VERSION) {
            t.close();
            throw new ClientError(remote.host() + " runs Scarab " + seen.version() + " (protocol " + seen.protocol()
                    + ") but this client speaks protocol " + Protocol.VERSION
                    + ": install the same version on both machines", 1, "version-mismatch");
        }
        return t;
    }

    private boolean greeted;
    private boolean timedOut;

    /** Why the remote command ended before its greeting, in one line. */
    private ClientError failure(Remote remote) {
        int status;
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            status = process.isAlive() ? -1 : process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        close();
        String said = stderr.lastLine();
        if (timedOut) {
            return new ClientError(remote.host() + " did not answer within " + GREETING_MILLIS / 1000 + " s"
                    + (said.isEmpty() ? "" : " (" + said + ")"), 1, "timeout");
        }
        if (status == 127 || said.contains("command not found") || said.endsWith("not found")) {
            return new ClientError("no scarab on " + remote.host() + " (\"" + remote.remoteCommand()
                    + "\" not found by its non-interactive shell; set SCARAB_REMOTE_COMMAND to its path)"
                    + (said.isEmpty() ? "" : ": " + said), 1, "remote");
        }
        String how = String.join(" ", remote.ssh()) + " " + remote.host();
        return new ClientError("cannot reach scarab on " + remote.host() + ": "
                + (said.isEmpty() ? how + " ended (status " + status + ") before the proxy answered" : said), 1,
                "remote");
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public ReadableByteChannel inChannel() {
        return inChannel;
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public boolean isOpen() {
        return process.isAlive();
    }

    /**
     * Ends ssh: a read blocked on its pipe sees the end. Only ssh itself: what it started here
     * (a daemon started by a local stand-in for ssh) is not ours to end.
     */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            out.close();
        } catch (IOException ignored) {
            // the pipe is gone with the process
        }
    }

    @Override
    public String where() {
        return host;
    }

    /** ssh's standard error, drained on a thread of its own; the last lines kept. */
    static final class StderrTail {
        private static final int KEEP = 8192;
        private final StringBuilder tail = new StringBuilder();
        private Thread drainer;

        static StderrTail drain(InputStream err) {
            StderrTail t = new StderrTail();
            Thread th = t.drainer = new Thread(() -> {
                byte[] b = new byte[4096];
                try {
                    int n;
                    while ((n = err.read(b)) > 0) {
                        t.add(new String(b, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // ssh is gone
                }
            }, "scarab-ssh-stderr");
            th.setDaemon(true);
            th.start();
            return t;
        }

        private synchronized void add(String s) {
            tail.append(s);
            if (tail.length() > KEEP) {
                tail.delete(0, tail.length() - KEEP);
            }
        }

        /**
         * The last non-blank line, stripped; "" when there is none. Waits for ssh's last words: the
         * drain ends as soon as ssh's standard error does (ssh has ended by now), but on a busy
         * machine its thread may not have run yet, so the bound is generous.
         */
        String lastLine() {
            try {
                drainer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return last();
        }

        private synchronized String last() {
            String[] lines = tail.toString().split("\r?\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (!lines[i].isBlank()) {
                    return lines[i].strip();
                }
            }
            return "";
        }
    }
}
