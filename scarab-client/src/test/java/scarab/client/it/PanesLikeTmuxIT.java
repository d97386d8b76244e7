package scarab.client.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Window commands through the real client against tmux 3.3a in the same run: generated sequences
 * of split-window, select-pane, resize-pane, zoom, select-layout, swap-pane and kill-pane on
 * generated window sizes, run in a private tmux server and in Scarab, with every pane's place and
 * size, which pane is active and {@code #{window_layout}} (pane ids and the checksum aside, as
 * they depend on the ids) compared after every step, refusals included. A failure names its seed:
 * {@code -Dscarab.panes.seed=N} replays it.
 */
class PanesLikeTmuxIT {
    private static final String LIST = "#{pane_index} #{pane_left} #{pane_top} #{pane_width} #{pane_height}"
            + " #{pane_active} #{window_zoomed_flag} #{window_width}x#{window_height} #{window_layout}";
    private static final String[] LAYOUTS = {"even-horizontal", "even-vertical", "main-horizontal", "main-vertical",
            "tiled"};
    private Scarab scarab;
    private String socket;

    @BeforeEach
    void start() throws Exception {
        scarab = new Scarab();
        socket = "scarab-panes-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    @AfterEach
    void stop() throws Exception {
        tmux("kill-server");
        // tmux leaves the socket file of -L NAME behind (this server runs with a cleared environment: /tmp)
        int uid = (Integer) java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid");
        java.nio.file.Files.deleteIfExists(java.nio.file.Path.of("/tmp", "tmux-" + uid, socket));
        scarab.close();
    }

    @Test
    void generatedSequencesLeaveThePanesWhereTmuxLeavesThem() throws Exception {
        long seed = Long.getLong("scarab.panes.seed", System.nanoTime());
        Random random = new Random(seed);
        int[][] sizes = {{80, 24}, {20 + random.nextInt(180), 6 + random.nextInt(55)}, {3 + random.nextInt(15),
                3 + random.nextInt(8)}};
        for (int n = 0; n < sizes.length; n++) {
            String s = "p" + n;
            int w = sizes[n][0];
            int h = sizes[n][1];
            String context = "seed " + seed + ", window " + w + "x" + h;
            assertEquals(0, tmux("new-session", "-d", "-s", s, "-x", "" + w, "-y", "" + h, "sleep 100000").exit(), context);
            assertEquals(0, tmux("resize-window", "-t", s + ":", "-x", "" + w, "-y", "" + h).exit(), context);
            scarab.ok("new", "-d", "--size", w + "x" + h, "-c", "sleep 100000", s);
            compare(s, context + ", at the start");
            StringBuilder steps = new StringBuilder();
            for (int step = 0; step < 14; step++) {
                List<String> command = step(random, s, panes(s));
                steps.append("\n  ").append(String.join(" ", command));
                Reply theirs = tmux(tmuxForm(command).toArray(String[]::new));
                Scarab.Result ours = scarab.run(command.toArray(String[]::new));
                assertEquals(theirs.exit() == 0, ours.status() == 0, context + ", after" + steps + "\ntmux: "
                        + theirs.err() + "\nscarab: " + ours.err());
                compare(s, context + ", after" + steps);
            }
        }
    }

    /**
     * Panes moved between windows: break-pane (with -d, -n and -t an index) and join-pane /
     * move-pane (-h/-v, -b, -f, -d, -l) among splits, kills and window selections on several
     * windows; every window's panes and the window list (indexes, the current one, sizes,
     * layouts) compared with tmux after every step, refusals included.
     */
    @Test
    void panesMovedBetweenWindowsLandWhereTmuxPutsThem() throws Exception {
        long seed = Long.getLong("scarab.panes.seed", System.nanoTime());
        Random random = new Random(seed);
        int[][] sizes = {{80, 24}, {20 + random.nextInt(180), 6 + random.nextInt(55)}, {5 + random.nextInt(20),
                4 + random.nextInt(10)}};
        for (int n = 0; n < sizes.length; n++) {
            String s = "m" + n;
            int w = sizes[n][0];
            int h = sizes[n][1];
            String context = "seed " + seed + ", window " + w + "x" + h;
            assertEquals(0, tmux("new-session", "-d", "-s", s, "-x", "" + w, "-y", "" + h, "sleep 100000").exit(), context);
            assertEquals(0, tmux("resize-window", "-t", s + ":", "-x", "" + w, "-y", "" + h).exit(), context);
            scarab.ok("new", "-d", "--size", w + "x" + h, "-c", "sleep 100000", s);
            StringBuilder steps = new StringBuilder();
            for (int step = 0; step < 24; step++) {
                List<String> panes = tmux("list-panes", "-s", "-t", s, "-F", "#{window_index}.#{pane_index}").out();
                List<String> command = moveStep(random, s, panes);
                steps.append("\n  ").append(String.join(" ", command));
                Reply theirs = tmux(tmuxForm(command).toArray(String[]::new));
                Scarab.Result ours = scarab.run(command.toArray(String[]::new));
                assertEquals(theirs.exit() == 0, ours.status() == 0, context + ", after" + steps + "\ntmux: "
                        + theirs.err() + "\nscarab: " + ours.err());
                if (theirs.exit() != 0) {
                    assertEquals(theirs.err(), ours.err().strip(), context + ", after" + steps);
                }
                compareWindows(s, context + ", after" + steps);
            }
        }
    }

    private void compareWindows(String s, String context) throws Exception {
        String windows = "#{window_index} #{window_active} #{window_panes} #{window_width}x#{window_height}"
                + " #{window_layout}";
        Reply theirs = tmux("list-windows", "-t", s, "-F", windows);
        String ours = scarab.ok("list-windows", "-t", s, "-F", windows);
        assertEquals(normalise(String.join("\n", theirs.out())), normalise(ours.strip()), context);
        for (String line : theirs.out()) {
            String window = s + ":" + line.split(" ")[0];
            Reply theirPanes = tmux("list-panes", "-t", window, "-F", LIST);
            String ourPanes = scarab.ok("list-panes", "-t", window, "-F", LIST);
            assertEquals(normalise(String.join("\n", theirPanes.out())), normalise(ourPanes.strip()),
                    context + ", window " + window);
        }
    }

    private static List<String> moveStep(Random r, String s, List<String> panes) {
        String pane = s + ":" + panes.get(r.nextInt(panes.size()));
        String other = s + ":" + panes.get(r.nextInt(panes.size()));
        List<String> c = new ArrayList<>();
        switch (r.nextInt(9)) {
            case 0, 1 -> {
                c.addAll(List.of("split-window", r.nextBoolean() ? "-h" : "-v"));
                if (r.nextInt(4) == 0) {
                    c.add("-d");
                }
                c.addAll(List.of("-t", pane, "-c", "sleep 100000"));
            }
            case 2, 3 -> {
                c.add("break-pane");
                if (r.nextInt(3) == 0) {
                    c.add("-d");
                }
                if (r.nextInt(3) == 0) {
                    c.addAll(List.of("-n", "moved" + r.nextInt(3)));
                }
                c.addAll(List.of("-s", pane));
                if (r.nextInt(3) == 0) {
                    c.addAll(List.of("-t", s + ":" + r.nextInt(6)));
                }
            }
            case 4, 5, 6 -> {
                c.add(r.nextInt(3) == 0 ? "move-pane" : "join-pane");
                c.add(r.nextBoolean() ? "-h" : "-v");
                if (r.nextInt(4) == 0) {
                    c.add("-b");
                }
                if (r.nextInt(5) == 0) {
                    c.add("-f");
                }
                if (r.nextInt(3) == 0) {
                    c.add("-d");
                }
                int kind = r.nextInt(3);
                if (kind == 1) {
                    c.addAll(List.of("-l", "" + (1 + r.nextInt(30))));
                } else if (kind == 2) {
                    c.addAll(List.of("-l", (5 + r.nextInt(90)) + "%"));
                }
                c.addAll(List.of("-s", pane, "-t", other));
            }
            case 7 -> c.addAll(List.of("select-window", "-t", pane.substring(0, pane.lastIndexOf('.'))));
            default -> c.addAll(panes.size() > 1 ? List.of("kill-pane", "-t", pane) : List.of("select-pane", "-t", pane));
        }
        return c;
    }

    private void compare(String s, String context) throws Exception {
        Reply theirs = tmux("list-panes", "-t", s + ":", "-F", LIST);
        String ours = scarab.ok("list-panes", "-t", s + ":", "-F", LIST);
        assertEquals(normalise(String.join("\n", theirs.out())), normalise(ours.strip()), context);
    }

    /** Pane ids and the checksum differ by design; everything else of the layout must not. */
    private static String normalise(String listing) {
        return listing.replaceAll("[0-9a-f]{4},(\\d+x\\d+,\\d+,\\d+)", "$1").replaceAll("(\\d+x\\d+,\\d+,\\d+),\\d+", "$1");
    }

    private int panes(String s) throws Exception {
        return tmux("list-panes", "-t", s + ":", "-F", "#{pane_id}").out().size();
    }

    private static List<String> step(Random r, String s, int panes) {
        String pane = s + ":0." + r.nextInt(panes);
        List<String> c = new ArrayList<>();
        switch (r.nextInt(10)) {
            case 0, 1, 2 -> {
                c.add("split-window");
                c.add(r.nextBoolean() ? "-h" : "-v");
                if (r.nextInt(4) == 0) {
                    c.add("-b");
                }
                if (r.nextInt(5) == 0) {
                    c.add("-f");
                }
                if (r.nextInt(3) == 0) {
                    c.add("-d");
                }
                int kind = r.nextInt(3);
                if (kind == 1) {
                    c.addAll(List.of("-l", "" + (1 + r.nextInt(30))));
                } else if (kind == 2) {
                    c.addAll(List.of("-l", (5 + r.nextInt(90)) + "%"));
                }
                c.addAll(List.of("-t", pane, "-c", "sleep 100000"));
            }
            case 3 -> c.addAll(List.of("select-pane", "-t", pane, "-" + "LRUD".charAt(r.nextInt(4))));
            case 4 -> c.addAll(List.of("select-pane", "-t", pane));
            case 5 -> c.addAll(List.of("resize-pane", "-t", pane, "-" + "LRUD".charAt(r.nextInt(4)), "" + r.nextInt(12)));
            case 6 -> c.addAll(List.of("resize-pane", "-Z", "-t", pane));
            case 7 -> c.addAll(List.of("select-layout", "-t", pane, LAYOUTS[r.nextInt(LAYOUTS.length)]));
            case 8 -> c.addAll(List.of("swap-pane", "-s", pane, "-t", s + ":0." + r.nextInt(panes)));
            default -> c.addAll(panes > 1 ? List.of("kill-pane", "-t", pane) : List.of("select-pane", "-t", pane));
        }
        return c;
    }

    /** tmux's form of the same command: a pane's command is its last word, not -c. */
    private static List<String> tmuxForm(List<String> ours) {
        List<String> t = new ArrayList<>(ours);
        int c = t.indexOf("-c");
        if (c >= 0) {
            String command = t.get(c + 1);
            t.remove(c + 1);
            t.remove(c);
            t.add(command);
        }
        return t;
    }

    record Reply(int exit, List<String> out, String err) {
    }

    /** One tmux client run on the private server, in a small plain environment (tmux 3.3a needs TERM). */
    private Reply tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        String path = env.getOrDefault("PATH", "/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", System.getProperty("user.home"));
        env.put("TERM", "screen");
        env.put("SHELL", "/bin/sh");
        env.put("LANG", "C.UTF-8");
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tmux did not answer: " + cmd);
        }
        return new Reply(p.exitValue(), out.isEmpty() ? List.of() : List.of(out.split("\n")),
                new String(err.join(), StandardCharsets.UTF_8).trim());
    }
}
