#!/usr/bin/env python3
"""A 100-command script three ways, in one run (issue 17): `scarab source FILE` (one process, one
connection), the same 100 commands as 100 separate `scarab` invocations, and `tmux source-file`
of the same file on a private tmux 3.3a server (plus 100 separate `tmux` invocations, for scale).

The file is written in the grammar both share: ten rounds of set-buffer, rename-window,
display-message -p, list-windows, split-window -d (a shell each), select-layout tiled,
select-pane, list-panes, send-keys and delete-buffer, on a session `s` made (untimed) before each
timed run and killed after it. Each way runs ROUNDS times, alternating which goes first; the
medians and the ratios are printed.

Usage: bench/source-script.py [ROUNDS]   (default 5; needs mvn -B -o -q -DskipTests package).
On demand, not in CI.
"""
import benchlib
import shlex, statistics, sys, time

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5

LINES = []
for i in range(10):
    LINES += ["set-buffer -b b%d 'value %d'" % (i, i),
              "rename-window -t s:0 w%d" % i,
              "display-message -p '#{session_name} #{window_name} #{window_panes}'",
              "list-windows -t s",
              "split-window -d -t s:0",
              "select-layout -t s:0 tiled",
              "select-pane -t s:0.0",
              "list-panes -t s:0",
              "send-keys -t s:0.0 'echo %d' Enter" % i,
              "delete-buffer -b b%d" % i]
assert len(LINES) == 100

wp = benchlib.Workplace("scarab-source-")
SCARAB = wp.scarab
FILE = wp.work + "/script.conf"
with open(FILE, "w") as f:
    f.write("# 100 commands\n" + "\n".join(LINES) + "\n")
TMUX = wp.tmux()


def timed(argvs):
    start = time.monotonic()
    for argv in argvs:
        wp.run(argv)
    return time.monotonic() - start


class Scarab:
    def setup(self): wp.run([SCARAB, "new", "-d", "--size", "120x40", "s"])
    def teardown(self): wp.run([SCARAB, "kill", "-f", "s"])


class Tmux:
    def setup(self): wp.run(TMUX + ["new-session", "-d", "-x", "120", "-y", "40", "-s", "s"])
    def teardown(self): wp.run(TMUX + ["kill-session", "-t", "s"])


WAYS = {
    "scarab source": (Scarab(), lambda: timed([[SCARAB, "source", FILE]])),
    "scarab x100": (Scarab(), lambda: timed([[SCARAB] + shlex.split(l) for l in LINES])),
    "tmux source-file": (Tmux(), lambda: timed([TMUX + ["source-file", FILE]])),
    "tmux x100": (Tmux(), lambda: timed([TMUX + shlex.split(l) for l in LINES])),
}

try:
    wp.start_scarab()
    results = {name: [] for name in WAYS}
    for r in range(ROUNDS):
        order = list(WAYS) if r % 2 == 0 else list(reversed(WAYS))
        for name in order:
            server, run = WAYS[name]
            server.setup()
            results[name].append(run())
            server.teardown()
    med = {name: statistics.median(v) for name, v in results.items()}
    for name in WAYS:
        print("%-18s median %7.1f ms  (%s)" % (name, med[name] * 1000,
                                              ", ".join("%.0f" % (x * 1000) for x in results[name])))
    print("scarab source / scarab x100     = %.3f" % (med["scarab source"] / med["scarab x100"]))
    print("scarab source / tmux source-file = %.2f" % (med["scarab source"] / med["tmux source-file"]))
    print("scarab x100 / tmux x100          = %.2f" % (med["scarab x100"] / med["tmux x100"]))
finally:
    wp.close()
