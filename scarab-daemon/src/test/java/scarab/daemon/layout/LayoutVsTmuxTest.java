package scarab.daemon.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The layout engine against a live tmux 3.3a: random window sizes (odd and tiny ones
 * included) and random sequences of split-window, kill-pane, resize-pane, select-layout (the
 * presets, -n/-p, layout strings from earlier states, bad strings), resize-window, swap-pane,
 * zoom and select-pane, compared after every step: each pane's place, which pane is active,
 * #{window_layout} with its checksum, the window's size and zoom, and refusals (tmux's error
 * against the engine's exception, same message, nothing else changed).
 *
 * <p>Replay a failure with {@code -Dscarab.layout.seed=SEED -Dscarab.layout.sequences=1}
 * (the seed printed is the failing sequence's own); more with {@code scarab.layout.sequences}
 * and {@code scarab.layout.steps}.
 */
class LayoutVsTmuxTest {
    private static final String PANE_FORMAT =
            "P #{pane_id} #{pane_left} #{pane_top} #{pane_width} #{pane_height} #{pane_active}";
    private static final String WINDOW_FORMAT =
            "W #{window_layout} #{window_width} #{window_height} #{window_zoomed_flag}";
    private static final String[] PRESETS = {"even-horizontal", "even-vertical", "main-horizontal",
        "main-vertical", "tiled"};

    @Test
    void randomSequencesMatchTmux() throws Exception {
        assertEquals("tmux 3.3a", TmuxLayoutServer.version(), "the oracle is tmux 3.3a");
        long base = Long.getLong("scarab.layout.seed", new Random().nextLong());
        int sequences = Integer.getInteger("scarab.layout.sequences", 12);
        int steps = Integer.getInteger("scarab.layout.steps", 40);
        String socket = "layouttest-" + ProcessHandle.current().pid() + "-" + Long.toHexString(base);
        TmuxLayoutServer tmux = new TmuxLayoutServer(socket);
        try {
            for (int i = 0; i < sequences; i++) {
                try {
                    new Sequence(tmux, base + i, "s" + i, steps).run();
                } catch (OracleDied e) {
                    // A crash of tmux 3.3a's own (seed 911330110207073076 has one in layout_split_pane):
                    // nothing to compare that step with. The steps before it were compared, the engine
                    // took the step without failing, and the next sequence gets a new server.
                    System.err.println(e.getMessage());
                    tmux.close();
                    tmux = new TmuxLayoutServer(socket);
                }
            }
        } finally {
            tmux.close();
        }
    }

    /** tmux's server died on a step: the oracle is gone for the rest of the sequence. */
    private static final class OracleDied extends Exception {
        OracleDied(String message) {
            super(message);
        }
    }

    /** One window driven through random commands in tmux and in the engine side by side. */
    private static final class Sequence {
        private final TmuxLayoutServer tmux;
        private final long seed;
        private final Random rnd;
        private final String session;
        private final int steps;
        private final StringBuilder log = new StringBuilder();
        private final List<String> history = new ArrayList<>();
        private Layout engine;
        // What tmux keeps beside the layout, which the model will own: the active pane, the
        // last one, and when each was last made active (window_set_active_pane).
        private int active;
        private int last = -1;
        private final Map<Integer, Long> points = new HashMap<>();
        private long pointCounter;

        Sequence(TmuxLayoutServer tmux, long seed, String session, int steps) {
            this.tmux = tmux;
            this.seed = seed;
            this.rnd = new Random(seed);
            this.session = session;
            this.steps = steps;
        }

        void run() throws Exception {
            int w = size(300);
            int h = size(100);
            log.append("window ").append(w).append('x').append(h).append('\n');
            // tmux 3.3a's server dies on new-session -d followed by another command in the same
            // client (-P, or "; display"), so new-session runs alone. resize-window then makes
            // the window's size manual: the size it is asked for, as a client's would be.
            TmuxLayoutServer.Reply r = tmux.run("new-session", "-d", "-s", session, "-x", "" + w, "-y", "" + h,
                    "sleep 1000000");
            assertEquals(0, r.exit(), r.err() + " at the start of seed " + seed + " " + log);
            r = tmux.run("resize-window", "-t", session + ":", "-x", "" + w, "-y", "" + h,
                    ";", "display", "-p", "-t", session + ":", "N #{pane_id}");
            assertEquals(0, r.exit(), r.err() + " at the start of seed " + seed + " " + log);
            int first = paneId(r.out());
            engine = Layout.single(first, w, h);
            askedWidth = w;
            askedHeight = h;
            active = first;
            points.put(first, ++pointCounter);
            compare(query(), null, null);
            for (int i = 0; i < steps; i++) {
                step(i);
            }
            TmuxLayoutServer.Reply end = tmux.run("kill-session", "-t", session);
            assertEquals(0, end.exit(), end.err() + " at the end of seed " + seed + "\n" + log);
        }

        /** 1..max, mostly small. */
        private int size(int max) {
            int r = rnd.nextInt(10);
            if (r < 4) {
                return 1 + rnd.nextInt(Math.min(max, 12));
            }
            if (r < 8) {
                return 1 + rnd.nextInt(Math.min(max, 50));
            }
            return 1 + rnd.nextInt(max);
        }

        private int randomPane() {
            List<Integer> ids = engine.paneIds();
            return ids.get(rnd.nextInt(ids.size()));
        }

        private void step(int index) throws Exception {
            int panes = engine.paneCount();
            int op = rnd.nextInt(100);
            if (op < 25 && panes >= 12) {
                op = 25;
            }
            List<String> cmd = new ArrayList<>();
            Action action;
            Runnable onSuccess = () -> { };
            if (op < 25) {
                int target = randomPane();
                boolean h = rnd.nextBoolean();
                SplitSpec spec = h ? SplitSpec.leftRight() : SplitSpec.topBottom();
                cmd.addAll(List.of("split-window", "-t", "%" + target, h ? "-h" : "-v"));
                if (rnd.nextInt(4) == 0) {
                    spec = spec.withBefore(true);
                    cmd.add("-b");
                }
                if (rnd.nextInt(5) == 0) {
                    spec = spec.withFull(true);
                    cmd.add("-f");
                }
                int kind = rnd.nextInt(3);
                if (kind == 1) {
                    int n = rnd.nextInt(rnd.nextBoolean() ? 8 : 60);
                    spec = spec.withCells(n);
                    cmd.addAll(List.of("-l", "" + n));
                } else if (kind == 2) {
                    int n = rnd.nextInt(20) == 0 ? 101 + rnd.nextInt(50) : rnd.nextInt(101);
                    spec = spec.withPercent(n);
                    cmd.addAll(List.of("-l", n + "%"));
                }
                cmd.addAll(List.of("-P", "-F", "N #{pane_id}", "sleep 1000000"));
                SplitSpec s = spec;
                action = out -> {
                    int id = paneId(out);
                    engine.split(target, id, s);
                    setActive(id);
                };
                // The engine is told the new pane's id only when tmux made one.
                Sequence self = this;
                TmuxLayoutServer.Reply r = run(cmd);
                String engineError = null;
                if (r.exit() == 0) {
                    try {
                        action.apply(r.out());
                    } catch (LayoutException e) {
                        engineError = e.getMessage();
                    }
                } else {
                    Layout probe = engine.copy();
                    try {
                        probe.split(target, 1_000_000, s);
                        engineError = null;
                    } catch (LayoutException e) {
                        engineError = e.getMessage();
                    }
                    if (engineError != null) {
                        // tmux unzooms before it refuses; so does the engine.
                        engine.unzoom();
                    }
                }
                self.log.append(index).append(": ").append(String.join(" ", cmd)).append('\n');
                compare(r.exit() == 0 ? r : query(), r.exit() == 0 ? null : r.err(), engineError);
                reaskWhenOutgrown();
                return;
            } else if (op < 35) {
                if (panes == 1) {
                    return;
                }
                int p = randomPane();
                cmd.addAll(List.of("kill-pane", "-t", "%" + p));
                action = out -> {
                    engine.remove(p);
                    lostPane(p);
                };
            } else if (op < 47) {
                int p = randomPane();
                Direction d = Direction.values()[rnd.nextInt(4)];
                int n = rnd.nextInt(30) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 40);
                cmd.addAll(List.of("resize-pane", "-t", "%" + p, "-" + "LRUD".charAt(d.ordinal()), "" + n));
                action = out -> engine.resizePane(p, d, n);
            } else if (op < 55) {
                int p = randomPane();
                Integer x = rnd.nextInt(3) > 0 ? rnd.nextInt(engine.windowWidth() + 5) : null;
                Integer y = x == null || rnd.nextBoolean() ? rnd.nextInt(engine.windowHeight() + 5) : null;
                cmd.addAll(List.of("resize-pane", "-t", "%" + p));
                if (x != null) {
                    cmd.addAll(List.of("-x", "" + x));
                }
                if (y != null) {
                    cmd.addAll(List.of("-y", "" + y));
                }
                action = out -> engine.resizePaneTo(p, x, y);
            } else if (op < 67) {
                int kind = rnd.nextInt(10);
                cmd.addAll(List.of("select-layout", "-t", session + ":"));
                if (kind < 5) {
                    String name = PRESETS[rnd.nextInt(PRESETS.length)];
                    if (rnd.nextInt(4) == 0) {
                        // A unique prefix. Not an ambiguous one ("main-"): tmux 3.3a's server dies
                        // parsing those as layout strings (LayoutStringsTest has them).
                        name = name.substring(0, Math.min(name.length(), 6 + rnd.nextInt(name.length() - 4)));
                    }
                    cmd.add(name);
                    String n = name;
                    action = out -> engine.select(n);
                } else if (kind == 5) {
                    cmd.add("-n");
                    action = out -> engine.nextLayout();
                } else if (kind == 6) {
                    cmd.add("-p");
                    action = out -> engine.previousLayout();
                } else {
                    String layout = history.get(rnd.nextInt(history.size()));
                    if (rnd.nextInt(5) == 0) {
                        int at = 5 + rnd.nextInt(layout.length() - 5);
                        layout = layout.substring(0, at) + "9" + layout.substring(at + 1);
                    }
                    cmd.add(layout);
                    String l = layout;
                    action = out -> engine.select(l);
                }
            } else if (op < 75) {
                int w = size(300);
                int h = size(100);
                cmd.addAll(List.of("resize-window", "-t", session + ":", "-x", "" + w, "-y", "" + h));
                action = out -> {
                    engine.resizeWindow(w, h);
                    askedWidth = w;
                    askedHeight = h;
                };
            } else if (op < 81) {
                int a = randomPane();
                int b = randomPane();
                cmd.addAll(List.of("swap-pane", "-s", "%" + a, "-t", "%" + b));
                action = out -> {
                    engine.swap(a, b);
                    if (a != b) {
                        setActive(b);
                    }
                };
            } else if (op < 88) {
                int p = randomPane();
                cmd.addAll(List.of("resize-pane", "-Z", "-t", "%" + p));
                action = out -> {
                    if (engine.zoomed()) {
                        engine.unzoom();
                    } else if (engine.zoom(p)) {
                        setActive(p);
                    }
                };
            } else {
                int p = rnd.nextInt(3) == 0 ? randomPane() : active;
                Direction d = Direction.values()[rnd.nextInt(4)];
                cmd.addAll(List.of("select-pane", "-t", "%" + p, "-" + "LRUD".charAt(d.ordinal())));
                action = out -> {
                    var found = engine.neighbour(p, d, id -> points.getOrDefault(id, 0L));
                    if (found.isPresent() && found.getAsInt() != active) {
                        engine.unzoom();
                        setActive(found.getAsInt());
                    }
                };
            }
            log.append(index).append(": ").append(String.join(" ", cmd)).append('\n');
            TmuxLayoutServer.Reply r;
            try {
                r = run(cmd);
            } catch (OracleDied e) {
                try {
                    action.apply(List.of("N %" + Integer.MAX_VALUE));
                } catch (LayoutException refused) {
                    // a refusal is an answer too
                }
                throw e;
            }
            String engineError = null;
            Layout before = engine.copy();
            try {
                action.apply(r.out());
            } catch (LayoutException e) {
                engineError = e.getMessage();
            }
            if (engineError != null) {
                assertEquals(before.layoutString(), engine.layoutString(), "a refusal changed the layout\n" + log);
            }
            compare(r.exit() == 0 ? r : query(), r.exit() == 0 ? null : r.err(), engineError);
            onSuccess.run();
            reaskWhenOutgrown();
        }

        /**
         * When the panes have made the window larger than it was asked to be, ask for the size
         * it has. Not modelled: how tmux 3.3a later shrinks such a window back towards the old
         * size (its recalculate_sizes and pending resizes, seen on some kill-pane and
         * resize-pane but not others); every other step runs at tiny sizes all the same.
         */
        private void reaskWhenOutgrown() throws Exception {
            if (engine.windowWidth() == askedWidth && engine.windowHeight() == askedHeight) {
                return;
            }
            askedWidth = engine.windowWidth();
            askedHeight = engine.windowHeight();
            log.append("   (resize-window -x ").append(askedWidth).append(" -y ").append(askedHeight).append(")\n");
            TmuxLayoutServer.Reply r = tmux.run("resize-window", "-t", session + ":", "-x", "" + askedWidth,
                    "-y", "" + askedHeight);
            assertEquals(0, r.exit(), r.err());
            engine.resizeWindow(askedWidth, askedHeight);
            compare(query(), null, null);
        }

        private int askedWidth;
        private int askedHeight;

        private void setActive(int p) {
            if (p == active) {
                return;
            }
            last = active;
            active = p;
            points.put(p, ++pointCounter);
        }

        /** window_lost_pane in 3.3a: the last pane, else the one before, else the one after. */
        private void lostPane(int p) {
            points.remove(p);
            // engine.paneIds() no longer has p; the order before the kill decides.
            if (p == active) {
                active = last;
                last = -1;
                if (active < 0) {
                    active = killedNeighbour;
                }
            } else if (p == last) {
                last = -1;
            }
        }

        private int killedNeighbour;

        private TmuxLayoutServer.Reply run(List<String> cmd) throws Exception {
            if (cmd.get(0).equals("kill-pane")) {
                int p = Integer.parseInt(cmd.get(2).substring(1));
                List<Integer> ids = engine.paneIds();
                int at = ids.indexOf(p);
                killedNeighbour = at > 0 ? ids.get(at - 1) : ids.get(at + 1);
            }
            List<String> all = new ArrayList<>(cmd);
            all.addAll(List.of(";", "list-panes", "-t", session + ":", "-F", PANE_FORMAT,
                    ";", "display", "-p", "-t", session + ":", WINDOW_FORMAT));
            TmuxLayoutServer.Reply r = tmux.run(all.toArray(String[]::new));
            if (r.err().contains("server exited") || r.err().contains("no server")) {
                throw new OracleDied("tmux died on seed " + seed + "; the sequence ends there:\n" + log);
            }
            return r;
        }

        private TmuxLayoutServer.Reply query() throws Exception {
            return tmux.run("list-panes", "-t", session + ":", "-F", PANE_FORMAT,
                    ";", "display", "-p", "-t", session + ":", WINDOW_FORMAT);
        }

        private void compare(TmuxLayoutServer.Reply state, String tmuxError, String engineError) {
            String where = "seed " + seed + " (replay: -Dscarab.layout.seed=" + seed
                    + " -Dscarab.layout.sequences=1)\n" + log;
            assertEquals(tmuxError != null, engineError != null,
                    "tmux said [" + tmuxError + "], the engine said [" + engineError + "]\n" + where);
            if (tmuxError != null) {
                assertEquals(tmuxError, engineError, "refusal message\n" + where);
            }
            List<String> expected = new ArrayList<>();
            String window = null;
            for (String line : state.out()) {
                if (line.startsWith("P ")) {
                    expected.add(line);
                } else if (line.startsWith("W ")) {
                    window = line;
                }
            }
            List<String> actual = new ArrayList<>();
            for (PaneGeometry g : engine.panes()) {
                actual.add("P %" + g.paneId() + " " + g.left() + " " + g.top() + " " + g.width() + " " + g.height()
                        + " " + (g.paneId() == active ? 1 : 0));
            }
            String actualWindow = "W " + engine.layoutString() + " " + engine.windowWidth() + " "
                    + engine.windowHeight() + " " + (engine.zoomed() ? 1 : 0);
            assertEquals(window, actualWindow, "window\n" + where + "panes " + expected);
            assertEquals(String.join("\n", expected), String.join("\n", actual), "panes\n" + where);
            history.add(window.split(" ")[1]);
        }

        private static int paneId(List<String> out) {
            for (String line : out) {
                if (line.startsWith("N %")) {
                    return Integer.parseInt(line.substring(3).trim());
                }
            }
            throw new AssertionError("no pane id in " + out);
        }
    }

    @FunctionalInterface
    private interface Action {
        void apply(List<String> out);
    }
}
