package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The paste buffer commands against tmux 3.3a in the same run: generated sequences of set-buffer
 * (-a, -b, -n), load-buffer, save-buffer, delete-buffer, show-buffer, list-buffers and
 * paste-buffer (-d, -p, -r, -s) run in a private tmux server and in Scarab, with every answer (its
 * status, output and error), {@code list-buffers} (the default format, samples of control
 * characters, backslashes, wide and invalid UTF-8 included), the saved files and, at the end,
 * what two recording programs read from their panes (one with bracketed paste on) compared. A
 * failure names its seed: {@code -Dscarab.buffers.seed=N} replays it.
 */
class BuffersLikeTmuxIT {
    private static final String[] NAMES = {"buffer0", "buffer1", "buffer2", "buffer7", "x", "y", ""};
    private static final String[] PIECES = {"a", "word", " ", "  ", "\t", "\n", "\\", "é", "中", "\u001b[1m", "\u007f",
            "\r", "#{pane_id}", "\"q\"", "0", "$HOME", "x".repeat(120)};
    private Scarab scarab;
    private Path dir;
    private String socket;

    @BeforeEach
    void start() throws IOException {
        scarab = new Scarab();
        dir = Files.createDirectories(scarab.root.resolve("buffers"));
        socket = "scarab-buffers-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    @AfterEach
    void stop() throws Exception {
        tmux("kill-server");
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Files.deleteIfExists(Path.of("/tmp", "tmux-" + uid, socket));
        scarab.close();
    }

    @Test
    void generatedSequencesLeaveTheBuffersAsTmuxLeavesThem() throws Exception {
        long seed = Long.getLong("scarab.buffers.seed", System.nanoTime());
        Random random = new Random(seed);
        Path recorder = dir.resolve("record.py");
        Files.writeString(recorder, "import os, sys, tty\ntty.setraw(0)\n"
                + "if sys.argv[2] == '1': os.write(1, b'\\033[?2004h')\n"
                + "os.write(1, b'ready\\r\\n')\n"
                + "with open(sys.argv[1], 'ab', buffering=0) as f:\n"
                + "    while True:\n"
                + "        d = os.read(0, 4096)\n"
                + "        if not d: break\n"
                + "        f.write(d)\n");
        String[] kinds = {"plain", "bracket"};
        assertEquals(0, tmux("new-session", "-d", "-s", "b", "-x", "80", "-y", "24", "-n", "plain",
                "python3 " + recorder + " " + dir.resolve("tmux-plain") + " 0").exit());
        assertEquals(0, tmux("new-window", "-d", "-t", "b:1", "-n", "bracket",
                "python3 " + recorder + " " + dir.resolve("tmux-bracket") + " 1").exit());
        scarab.ok("new", "-d", "--size", "80x24", "-c", "python3 " + recorder + " " + dir.resolve("scarab-plain") + " 0", "b");
        scarab.ok("new-window", "-d", "-t", "b:1", "-n", "bracket", "-c",
                "python3 " + recorder + " " + dir.resolve("scarab-bracket") + " 1");
        for (int w = 0; w < 2; w++) {
            String pane = "b:" + w;
            Scarab.waitFor("the recorders to start", Duration.ofSeconds(30),
                    () -> tmux("capture-pane", "-p", "-t", pane).out().contains("ready")
                            && scarab.run("capture", pane).out().contains("ready"));
        }
        StringBuilder steps = new StringBuilder();
        int files = 0;
        for (int step = 0; step < 70; step++) {
            List<String> command = step(random, files);
            if (command.get(0).equals("load-buffer")) {
                Files.write(dir.resolve("in" + files), bytes(random));
                command.set(command.size() - 1, dir.resolve("in" + files++).toString());
            }
            steps.append("\n  ").append(String.join(" ", command).replace("\n", "\\n"));
            String context = "seed " + seed + ", after" + steps;
            Reply theirs = tmux(saving(command, "tmux").toArray(String[]::new));
            Scarab.Result ours = scarab.run(saving(command, "scarab").toArray(String[]::new));
            assertEquals(theirs.exit(), ours.status(), context + "\ntmux: " + theirs.err() + "\nscarab: " + ours.err());
            assertEquals(theirs.err(), ours.err(), context);
            assertEquals(theirs.out(), ours.out(), context);
            if (command.get(command.size() - 1).equals("SAVED") && theirs.exit() == 0) {
                assertArrayEquals(Files.readAllBytes(dir.resolve("tmux-saved")), Files.readAllBytes(dir.resolve("scarab-saved")),
                        context);
            }
            assertEquals(tmux("list-buffers").out(), scarab.run("list-buffers").out(), context);
        }
        for (String kind : kinds) {
            Path theirs = dir.resolve("tmux-" + kind);
            Path ours = dir.resolve("scarab-" + kind);
            try {
                Scarab.waitFor("the " + kind + " pane to read what tmux's read", Duration.ofSeconds(30),
                        () -> Arrays.equals(read(theirs), read(ours)));
            } catch (AssertionError e) {
                assertEquals(new String(read(theirs), StandardCharsets.ISO_8859_1),
                        new String(read(ours), StandardCharsets.ISO_8859_1), "seed " + seed + ", " + kind + ":" + steps);
            }
        }
    }

    /**
     * {@code load-buffer -} and {@code save-buffer -} through the real client process: its standard
     * input, bytes that are not UTF-8 and NULs included, reaches the buffer exactly (checked in the
     * file save-buffer writes), and standard output gets the text.
     */
    @Test
    void loadBufferReadsTheClientsStandardInput() throws Exception {
        byte[] data = {'a', 0, '\n', (byte) 0xff, 'z', (byte) 0xc3, (byte) 0xa9, '\t', '\r'};
        List<String> command = new ArrayList<>(Arrays.asList(scarab.clientCommand().split(" ")));
        command.addAll(List.of("load-buffer", "-b", "in", "-"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(scarab.env);
        Process p = pb.start();
        p.getOutputStream().write(data);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS), "the client ended");
        assertEquals(0, p.exitValue(), out);
        scarab.ok("save-buffer", "-b", "in", dir.resolve("from-stdin").toString());
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("from-stdin")));
        assertEquals("in: 9 bytes: \"a\\0\\n\\377z\u00e9\\t\\r\"\n", scarab.ok("list-buffers"));
        assertEquals(new String(data, StandardCharsets.UTF_8), scarab.ok("save-buffer", "-b", "in", "-"));
    }

    /** Files written by save-buffer: each side to its own. */
    private List<String> saving(List<String> command, String side) {
        List<String> c = new ArrayList<>(command);
        if (c.get(0).equals("save-buffer") && c.get(c.size() - 1).equals("SAVED")) {
            c.set(c.size() - 1, dir.resolve(side + "-saved").toString());
        }
        return c;
    }

    private static byte[] read(Path p) {
        try {
            return Files.exists(p) ? Files.readAllBytes(p) : new byte[0];
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> step(Random r, int files) {
        List<String> c = new ArrayList<>();
        switch (r.nextInt(12)) {
            case 0, 1, 2 -> {
                c.add("set-buffer");
                if (r.nextInt(3) == 0) c.add("-a");
                if (r.nextInt(2) == 0) c.addAll(List.of("-b", name(r)));
                if (r.nextInt(8) == 0) c.addAll(List.of("-n", name(r)));
                if (r.nextInt(12) != 0) c.add(text(r));
            }
            case 3 -> {
                c.add("load-buffer");
                if (r.nextInt(2) == 0) c.addAll(List.of("-b", name(r)));
                c.add("FILE");
            }
            case 4 -> {
                c.add("delete-buffer");
                if (r.nextInt(2) == 0) c.addAll(List.of("-b", name(r)));
            }
            case 5, 6 -> {
                c.add("show-buffer");
                if (r.nextInt(2) == 0) c.addAll(List.of("-b", name(r)));
            }
            case 7 -> {
                c.add("save-buffer");
                if (r.nextInt(3) == 0) c.add("-a");
                if (r.nextInt(2) == 0) c.addAll(List.of("-b", name(r)));
                c.add(r.nextInt(4) == 0 ? "-" : "SAVED");
            }
            case 8 -> c.addAll(List.of("list-buffers", "-F", "#{buffer_name}:#{buffer_size}:#{buffer_sample}"));
            default -> {
                c.add("paste-buffer");
                c.addAll(List.of("-t", "b:" + r.nextInt(2)));
                if (r.nextInt(3) == 0) c.add("-d");
                if (r.nextInt(2) == 0) c.add("-p");
                if (r.nextInt(3) == 0) c.add("-r");
                if (r.nextInt(4) == 0) c.addAll(List.of("-s", r.nextBoolean() ? "|" : "\r\n"));
                if (r.nextInt(2) == 0) c.addAll(List.of("-b", name(r)));
            }
        }
        return c;
    }

    private static String name(Random r) {
        return NAMES[r.nextInt(NAMES.length)];
    }

    private static String text(Random r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            b.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    /** A file's bytes: text, and now and then a NUL, a digit after it, or bytes that are not UTF-8. */
    private static byte[] bytes(Random r) {
        StringBuilder b = new StringBuilder(text(r));
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        o.writeBytes(b.toString().getBytes(StandardCharsets.UTF_8));
        if (r.nextInt(3) == 0) o.writeBytes(new byte[] {0, '1', (byte) 0xff, 'z', (byte) 0xc3, 0, 'k', (byte) 0xe4, (byte) 0xb8});
        return o.toByteArray();
    }

    record Reply(int exit, String out, String err) {}

    private Reply tmux(String... args) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE);
            pb.environment().clear();
            pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            pb.environment().put("LANG", "C.UTF-8");
            pb.environment().put("TERM", "xterm-256color");
            Process p = pb.start();
            p.getOutputStream().close();
            java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("tmux " + String.join(" ", args) + " did not end");
            }
            return new Reply(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run tmux", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
