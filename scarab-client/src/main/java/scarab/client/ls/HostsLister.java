package scarab.client.ls;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import scarab.client.ClientContext;
import scarab.client.ClientError;
import scarab.client.daemon.DaemonConnection;
import scarab.client.daemon.DaemonStarter;
import scarab.client.remote.SshTransport;
import scarab.client.remote.Remote;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.SessionInfo;
import scarab.protocol.SessionTable;

/**
 * {@code scarab ls --hosts h1,h2}: the sessions of several machines in one table with a HOST
 * column, asked of every host at once; a host that has not answered within the timeout
 * (SCARAB_HOSTS_TIMEOUT seconds, default 10) is shown as such rather than waited for.
 */
public final class HostsLister {
    static final long DEFAULT_TIMEOUT_SECONDS = 10;

    private HostsLister() {}

    public static int run(ClientContext ctx, DaemonStarter template, String ssh, boolean noStart, String hostList) {
        List<String> hosts = new ArrayList<>();
        for (String h : hostList.split(",")) {
            if (!h.isBlank() && !hosts.contains(h.strip())) {
                hosts.add(h.strip());
            }
        }
        if (hosts.isEmpty()) {
            throw new ClientError("--hosts needs host names, separated by commas", 2, "bad-argument");
        }
        long timeout = timeoutSeconds(ctx);
        Map<String, CompletableFuture<List<SessionInfo>>> asked = new LinkedHashMap<>();
        List<java.util.concurrent.atomic.AtomicReference<Process>> started = new ArrayList<>();
        for (String host : hosts) {
            Remote remote = Remote.of(host, ssh, ctx.env());
            CompletableFuture<List<SessionInfo>> f = new CompletableFuture<>();
            java.util.concurrent.atomic.AtomicReference<Process> process = new java.util.concurrent.atomic.AtomicReference<>();
            started.add(process);
            Thread t = new Thread(() -> {
                try (DaemonConnection c = DaemonConnection.over(SshTransport.open(remote, noStart, process::set),
                        TimeUnit.SECONDS.toMillis(timeout))) {
                    Response r = c.call(new Request.ListSessions(c.nextId(), null, null));
                    f.complete(r instanceof Response.Listing l ? l.sessions() : List.of());
                } catch (IOException | RuntimeException e) {
                    f.completeExceptionally(e);
                }
            }, "scarab-ls-" + host);
            t.setDaemon(true); // one that never answers must not keep this command alive
            t.start();
            asked.put(host, f);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        List<SessionInfo> all = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (Map.Entry<String, CompletableFuture<List<SessionInfo>>> e : asked.entrySet()) {
            try {
                List<SessionInfo> sessions = e.getValue().get(Math.max(0, deadline - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
                for (SessionInfo s : sessions) {
                    all.add(s);
                    owners.add(e.getKey());
                }
            } catch (TimeoutException t) {
                failed.put(e.getKey(), "(no answer within " + timeout + " s)");
            } catch (ExecutionException x) {
                failed.put(e.getKey(), "(" + x.getCause().getMessage() + ")");
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                failed.put(e.getKey(), "(interrupted)");
            }
        }
        for (java.util.concurrent.atomic.AtomicReference<Process> p : started) {
            if (p.get() != null) {
                p.get().destroyForcibly(); // a host that did not answer: its ssh goes with this command
            }
        }
        int width = "HOST".length();
        for (String h : hosts) {
            width = Math.max(width, h.length());
        }
        String[] lines = SessionTable.table(all, Instant.now(ctx.clock()), false).split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String host = i == 0 ? "HOST" : owners.get(i - 1);
            out.append(host).append(" ".repeat(width - host.length() + 2)).append(lines[i]).append('\n');
        }
        for (Map.Entry<String, String> f : failed.entrySet()) {
            out.append(f.getKey()).append(" ".repeat(width - f.getKey().length() + 2)).append(f.getValue()).append('\n');
        }
        ctx.out().print(out);
        ctx.out().flush();
        return failed.isEmpty() ? 0 : 1;
    }

    private static long timeoutSeconds(ClientContext ctx) {
        String v = ctx.env().get("SCARAB_HOSTS_TIMEOUT");
        if (v == null || v.isBlank()) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
        try {
            long s = Long.parseLong(v.strip());
            if (s > 0 && s < 86_400) {
                return s;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ClientError("SCARAB_HOSTS_TIMEOUT=\"" + v + "\" is not a number of seconds (1 or more)", 2, "bad-config");
    }
}
