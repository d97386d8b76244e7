package scarab.client.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import scarab.client.ClientContext;
import scarab.client.attach.Attach;
import scarab.client.attach.Rehearsal;
import scarab.client.daemon.DaemonConnection;
import scarab.client.daemon.DaemonStarter;
import scarab.client.ls.SessionLister;
import scarab.client.fast.FastPath;
import scarab.protocol.SessionTable;
import scarab.protocol.ChannelStreams;
import scarab.protocol.Frame;
import scarab.protocol.FrameReader;
import scarab.protocol.FrameWriter;
import scarab.protocol.Json;
import scarab.protocol.LeanJson;
import scarab.protocol.MessageException;
import scarab.protocol.Protocol;
import scarab.protocol.Request;
import scarab.protocol.Response;
import scarab.protocol.SessionInfo;
import scarab.protocol.Version;

/**
 * Hidden: runs the client's hot start-up paths without a daemon, so that a class-data sharing
 * archive recorded while it runs holds every class a real {@code scarab ls} or {@code scarab
 * attach} loads: the fast path (argument recognition, the streaming JSON of the messages, the
 * table and JSON output, the socket classes, the requests of new, capture, send-keys and kill), and
 * picocli with databind for the other commands.
 */
@Command(name = "__train", hidden = true)
public final class TrainCommand implements java.util.concurrent.Callable<Integer> {
    public TrainCommand(ClientContext ctx) {
    }

    @Override
    public Integer call() throws Exception {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true);
        // Escapes and non-ASCII text take the parser's and generator's slower paths: train those too.
        SessionInfo info = new SessionInfo("00000000-0000-0000-0000-000000000000", "x", "running", null, 80, 24,
                "2026-01-01T00:00:00.123Z", "2026-01-01T00:00:01Z", 0, List.of("sh", "-c", "echo \"\u00e9t\u00e9\"\n"),
                "/t\u00e9\\p", "vim \u2014 \u00e9", false, 1, 1);
        List<Request> requests = List.of(new Request.Hello(1, 1, "x", List.of("attach")), new Request.ListSessions(2),
                new Request.Attach(3, "x", false, false, 80, 24, null), new Request.Resize(4, 80, 24),
                new Request.Detach(5, null));
        List<Response> responses = List.of(new Response.Welcome(1, 1, "x", 1, List.of()),
                new Response.Listing(2, List.of(info), List.of()), new Response.Attached(3, info),
                new Response.Detached(0, "x", "requested"), new Response.Exited(0, "x", 0),
                new Response.Error(6, "not-found", "no session"));

        // The fast path: what scarab ls, ls --json and attach run before and after the daemon answers.
        ClientContext quiet = new ClientContext(Map.of(), Path.of("/"), nowhere, nowhere, false);
        FastPath.run(quiet, new String[] {"ls", "--help"});
        FastPath.run(quiet, new String[] {"attach", "--help"});
        FastPath.run(quiet, new String[] {"--version"});
        FastPath.run(quiet, new String[] {"--help"});
        Attach.keys(quiet, null);
        FrameWriter toDaemon = new FrameWriter(OutputStream.nullOutputStream());
        for (Request r : requests) {
            toDaemon.write(new Frame(Frame.CONTROL, LeanJson.write(r)));
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(wire);
        for (Response r : responses) {
            w.write(Frame.control(Json.write(r)));
        }
        FrameReader reader = new FrameReader(new ByteArrayInputStream(wire.toByteArray()));
        for (Frame f; (f = reader.read()) != null; ) {
            DaemonConnection.decode(f);
        }
        nowhere.print(SessionTable.table(List.of(info), Instant.now(), true));
        nowhere.print(SessionTable.json(List.of(info)));
        try {
            DaemonConnection.open(Path.of("/nonexistent-scarab-training/s.sock")).close();
        } catch (IOException expected) {
            // loads the classes of a failed connection (before a daemon is started)
        }
        Path dir = Files.createTempDirectory("scarab-train-");
        try {
            Path socket = dir.resolve("s.sock");
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(socket));
                Thread daemon = new Thread(() -> pretendDaemon(server, info), "scarab-train-daemon");
                daemon.setDaemon(true);
                daemon.start();
                DaemonStarter starter = new DaemonStarter(quiet, socket, true);
                SessionLister.run(quiet, starter, true, false, false);
                SessionLister.run(quiet, starter, true, true, false);
                SessionLister.run(quiet, starter, true, false, true);
                ClientContext colored = new ClientContext(Map.of(), Path.of("/"), nowhere, nowhere, true);
                SessionLister.run(colored, starter, true, false, false);
                // The requests of the fast path, answered and refused.
                for (String[] command : List.of(new String[] {"send-keys", "x", "Enter"}, new String[] {"kill", "x"},
                        new String[] {"capture", "-e", "-S", "-", "x"}, new String[] {"new", "-d", "-c", "sh -c 'a b'", "x"})) {
                    String[] args = new String[command.length + 3];
                    args[0] = "-S";
                    args[1] = socket.toString();
                    args[2] = "--no-start";
                    System.arraycopy(command, 0, args, 3, command.length);
                    FastPath.run(quiet, args);
                }
                try {
                    Rehearsal.run(quiet, starter, "x");
                } catch (IOException | RuntimeException | LinkageError e) {
                    // no pty to rehearse on (or no JLine native library here): archive the rest
                }
            }
        } finally {
            Files.deleteIfExists(dir.resolve("s.sock"));
            Files.deleteIfExists(dir);
        }

        // The picocli path's databind mapping, for the other commands.
        for (Request r : requests) {
            Json.readRequest(Json.write(r));
        }
        for (Response r : responses) {
            Json.readResponse(Json.write(r));
        }
        return 0;
    }

    private static SessionInfo exited(SessionInfo s) {
        return new SessionInfo(s.id(), "y", SessionInfo.EXITED, 3, 120, 40, s.createdAt(), s.lastAttachedAt(), 2,
                null, s.cwd(), null, true, 3, 5);
    }

    /** Answers hello and ls like a daemon would, on every connection, until the socket closes. */
    private static void pretendDaemon(ServerSocketChannel server, SessionInfo info) {
        try {
            while (true) {
                try (SocketChannel client = server.accept()) {
                    FrameReader in = new FrameReader(ChannelStreams.in(client));
                    FrameWriter out = new FrameWriter(ChannelStreams.out(client));
                    for (Frame f; (f = in.read()) != null; ) {
                        if (f.kind() != Frame.CONTROL) {
                            continue;
                        }
                        Request r = Json.readRequest(f.text());
                        if (r instanceof Request.Attach) {
                            out.write(Frame.control(Json.write(new Response.Attached(r.id(), info))));
                            out.write(Frame.output("\033[H\033[2Jtraining\r\n".getBytes(StandardCharsets.UTF_8)));
                            out.write(Frame.output(new byte[300_000]));
                            out.write(Frame.control(Json.write(new Response.Exited(0, info.name(), 0))));
                            continue;
                        }
                        if (r instanceof Request.Resize || r instanceof Request.Detach) {
                            continue;
                        }
                        Response answer = r instanceof Request.Hello
                                ? new Response.Welcome(r.id(), Protocol.VERSION, Version.get(), 1, List.of("attach"))
                                : r instanceof Request.ListSessions
                                ? new Response.Listing(r.id(), List.of(info, exited(info)), List.of())
                                : r instanceof Request.SendKeys
                                ? new Response.Done(r.id())
                                : r instanceof Request.Capture
                                ? new Response.Captured(r.id(), List.of("training", "\033[1m\u00e9t\u00e9"), false)
                                : r instanceof Request.NewSession
                                ? new Response.Created(r.id(), info)
                                : new Response.Error(r.id(), "unsupported", "not while training");
                        out.write(Frame.control(Json.write(answer)));
                    }
                }
            }
        } catch (IOException | MessageException e) {
            // the trainer is done and closed the socket
        }
    }
}
