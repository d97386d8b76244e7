#!/usr/bin/env python3
"""Two panes side by side (split-window -h), one cats a 50 MB log, a client attached: Scarab beside
tmux 3.3a in the same run (issue 14, Performance).

Each client (`scarab attach`, `tmux attach`) runs in the one pane of a private outer tmux of 200x50
with its status line off: that outer tmux is the client's terminal. The log has lines of mixed
lengths (empty to 3 rows of the pane wide) with colours. Timed from just before cat starts until
the line printed after it is on the outer tmux's screen (polled with capture-pane through one
control-mode client every 20 ms); the command that starts cat is not timed. Also printed: the
MB/s until cat itself finished (its pane's reader kept up), to tell the two costs apart.

At the end of every run the client's picture must be right: the outer screen inside each pane's
rectangle equals `scarab capture` of that pane (`tmux capture-pane` for tmux), row by row.

One untimed run each first (the daemon's JIT compiles the output path within its first
megabytes), then ROUNDS rounds alternating which goes first; medians and scarab/tmux.

Usage: bench/two-pane-flood.py [ROUNDS [MB]]   (default 3 rounds of 50 MB; needs mvn -B -o -q -DskipTests package)
On demand, not in CI.
"""
import benchlib
from benchlib import clock, END_MARK
import os, statistics, sys, time

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
COLS, ROWS = 200, 50
SIZE = int(float(sys.argv[2]) * 1e6) if len(sys.argv) > 2 else 50_000_000

wp = benchlib.Workplace("scarab-twopane-")
env = wp.env
SCARAB = wp.scarab
OUTER_CONF = wp.work + "/outer.conf"
with open(OUTER_CONF, "w") as f:
    f.write("set -g status off\n")
LOG = wp.work + "/mixed.log"


def make_log(path):
    """50 MB of lines from 0 to 300 columns (most under 100, a few wrapping in a 100-column pane), a
    third of them with colours; the same file every run (fixed seed)."""
    words = ["request", "handled", "worker-%d", "path=/api/items?page=%d", "ms", "INFO", "WARN",
             "user=%d", "ok", "retry", "cache", "miss", "0x%x", "GET", "POST", "-", "|", "...."]
    benchlib.write_flood_log(path, SIZE, 14, words, [0, 5, 20, 40, 60, 80, 90, 99, 100, 101, 150, 199, 250, 300])


class Scarab:
    name = "scarab"
    def start(self, cmd):
        wp.run([SCARAB, "new", "-d", "--size", "%dx%d" % (COLS, ROWS - 1), "-c", "sh -c '%s'" % cmd, "flood"])
        wp.run([SCARAB, "split-window", "-h", "-d", "-t", "flood", "-c", "sleep 100000"])
    def attach(self): return "%s attach flood" % SCARAB
    def go(self): wp.run([SCARAB, "send-keys", "flood", "Enter"])
    def panes(self):
        return [l.split() for l in wp.run([SCARAB, "list-panes", "-t", "flood", "-F",
                "#{pane_id} #{pane_left} #{pane_top} #{pane_width} #{pane_height}"]).splitlines()]
    def capture(self, pane): return wp.run([SCARAB, "capture", pane]).split("\n")
    def stop(self): wp.run([SCARAB, "kill", "-f", "flood"])


class Tmux:
    name = "tmux"
    def start(self, cmd):
        wp.run(INNER + ["new-session", "-d", "-x", str(COLS), "-y", str(ROWS), "-s", "flood", "sh -c '%s'" % cmd])
        wp.run(INNER + ["split-window", "-h", "-d", "-t", "flood", "sleep 100000"])
    def attach(self): return "env -u TMUX %s attach -t flood" % " ".join(INNER)
    def go(self): wp.run(INNER + ["send-keys", "-t", "flood", "Enter"])
    def panes(self):
        return [l.split() for l in wp.run(INNER + ["list-panes", "-t", "flood", "-F",
                "#{pane_id} #{pane_left} #{pane_top} #{pane_width} #{pane_height}"]).splitlines()]
    def capture(self, pane): return wp.run(INNER + ["capture-pane", "-p", "-t", pane]).split("\n")
    def stop(self): wp.run(INNER + ["kill-session", "-t", "flood"])


def wait_for(what, cond, timeout=60.0, every=0.05):
    deadline = time.monotonic() + timeout
    while True:
        v = cond()
        if v:
            return v
        if time.monotonic() > deadline:
            raise TimeoutError("waited %d s for %s" % (timeout, what))
        time.sleep(every)


def outer_screen():
    return ctl.cmd("capture-pane -p -t client")


def picture_mismatch(t):
    """None when the outer screen shows every pane as its server captures it; else the first
    difference."""
    screen = outer_screen()
    screen += [""] * (ROWS - len(screen))
    for pane, left, top, width, height in t.panes():
        left, top, width, height = int(left), int(top), int(width), int(height)
        inner = [l.rstrip() for l in t.capture(pane)][:height]
        inner += [""] * (height - len(inner))
        for y in range(height):
            shown = screen[top + y][left:left + width].rstrip()
            if shown != inner[y]:
                return "pane %s row %d: client shows %r, %s captures %r" % (pane, y, shown, t.name, inner[y])
    return None


def flood(t):
    """One run: (MB/s until the last line is on the client's terminal, MB/s until cat finished)."""
    cmd, start, done = benchlib.timed_cat(wp.work, LOG, t.name)
    t.start(cmd)
    wp.run(OUTER + ["new-session", "-d", "-x", str(COLS), "-y", str(ROWS), "-s", "client", t.attach()])
    # Attached: the window's border and status line are on the outer screen.
    wait_for("the client to draw the window",
             lambda: any("[flood]" in l for l in outer_screen()) and "│" in "".join(outer_screen()))
    time.sleep(0.5)
    t.go()
    s = time.monotonic()
    wait_for("the end mark on the client's terminal",
             lambda: any(END_MARK in l for l in outer_screen()), timeout=600, every=0.02)
    end = time.time()
    mb = os.path.getsize(LOG) / 1e6
    shown, cat_done = mb / (end - clock(start)), mb / (clock(done) - clock(start))
    # The picture at the end: polled until it agrees (a last frame may still be on its way).
    try:
        wait_for("the client's picture to equal the panes' captures", lambda: picture_mismatch(t) is None, timeout=20, every=0.2)
    except TimeoutError:
        raise SystemExit("%s: the client's picture is wrong at the end: %s" % (t.name, picture_mismatch(t)))
    wp.run(OUTER + ["kill-session", "-t", "client"])
    t.stop()
    return shown, cat_done


try:
    INNER = wp.tmux("inner")
    OUTER = wp.tmux("outer", OUTER_CONF)
    make_log(LOG)
    wp.start_scarab()
    ctl = benchlib.TmuxControl(OUTER, env, "bench-keeper")
    results = {}
    for t in (Scarab(), Tmux()):
        flood(t)   # untimed
    for r in range(ROUNDS):
        for t in ((Scarab(), Tmux()) if r % 2 == 0 else (Tmux(), Scarab())):
            shown, cat_done = flood(t)
            print("  round %d %-6s %6.1f MB/s on the terminal, %6.1f MB/s cat done" % (r + 1, t.name, shown, cat_done), flush=True)
            results.setdefault((t.name, "MB/s on the terminal"), []).append(shown)
            results.setdefault((t.name, "MB/s cat done"), []).append(cat_done)
    ctl.close()
    print("two panes side by side in %dx%d, the left one cats %.0f MB of mixed lines; the picture "
          "checked against capture after every run" % (COLS, ROWS, os.path.getsize(LOG) / 1e6))
    benchlib.report(results, [("MB/s on the terminal", ""), ("MB/s cat done", "")], ROUNDS,
                    higher_is_better=("MB/s on the terminal", "MB/s cat done"))
finally:
    wp.close()
