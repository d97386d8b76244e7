#!/usr/bin/env python3
"""Switching sessions inside one attached client, Scarab beside tmux 3.3a in the same run (issue 15).

Two sessions of COLSxROWS (the client's size, so switching resizes nothing), each showing a full
screen of its own lines whose last row is a marker (`MARK-A-END`, `MARK-B-END`), drawn by a program
that then sleeps. The client (`scarab attach a`, `tmux attach -t a`; tmux with its status line off,
as a one-pane scarab session has none) runs in a pty owned by this script. `C-b )` (to B) or `C-b (` (back
to A) is written to the pty and timed until the other session's marker is among what the pty printed (read directly
from the pty, escape sequences taken out): the other session's screen completely drawn, the marker
row being the last one a full redraw draws. WARM untimed switches, then SWITCHES timed ones per
round; ROUNDS rounds alternating which goes first; the medians of each round's p50 and p90, and
scarab/tmux.

Usage: bench/switch-time.py [ROUNDS] [SWITCHES]   (default 3 rounds of 100 after 50 untimed;
needs mvn -B -o -q -DskipTests package). On demand, not in CI.
"""
import benchlib, ptybench
from benchlib import percentile
from ptybench import drain, kill
import os, select, sys, time

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
SWITCHES = int(sys.argv[2]) if len(sys.argv) > 2 else 100
WARM = 50
COLS, ROWS = 120, 40

wp = benchlib.Workplace("scarab-switch-")
SCARAB = wp.scarab
CONF = wp.work + "/tmux.conf"
with open(CONF, "w") as f:
    f.write("set -g status off\nset -g escape-time 0\n")


def screen(letter):
    """A program drawing ROWS-1 lines of its own, then the marker on the last row, then sleeping."""
    return ("sh -c 'clear; i=1; while [ $i -lt %d ]; do echo \"%s line $i of the %s screen\"; i=$((i+1)); done;"
            " printf MARK-%s-END; exec sleep 1000000'" % (ROWS, letter.lower(), letter, letter))


def wait(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the screens")
        time.sleep(0.05)


class Scarab:
    name = "scarab"
    def start(self):
        for s in ("A", "B"):
            wp.run([SCARAB, "new", "-d", "--size", "%dx%d" % (COLS, ROWS), "-c", screen(s), s.lower()])
        for s in ("A", "B"):
            wait(lambda: ("MARK-%s-END" % s) in wp.run([SCARAB, "capture", s.lower()]))
    def attach_argv(self): return [SCARAB, "attach", "a"]
    def stop(self): wp.run([SCARAB, "kill", "-f", "a", "b"])


class Tmux:
    name = "tmux"
    def start(self):
        for s in ("A", "B"):
            wp.run(TMUX + ["new-session", "-d", "-x", str(COLS), "-y", str(ROWS), "-s", s.lower(), screen(s)])
        for s in ("A", "B"):
            wait(lambda: ("MARK-%s-END" % s) in wp.run(TMUX + ["capture-pane", "-p", "-t", s.lower()]))
    def attach_argv(self): return TMUX + ["attach", "-t", "a"]
    def stop(self):
        for s in ("a", "b"):
            wp.run(TMUX + ["kill-session", "-t", s])


def switches(t):
    t.start()
    pid, fd = ptybench.spawn(t.attach_argv(), wp.env, COLS, ROWS)
    reader = ptybench.TextReader()
    ptybench.read_until_drawn(fd, reader, b"MARK-A-END", 30)
    drain(fd)
    samples = []
    shown = "A"
    for i in range(WARM + SWITCHES):
        other = "B" if shown == "A" else "A"
        s = time.perf_counter()
        # ) to B, ( back to A: tmux's server also holds benchlib's keeper session, after "b" by name.
        os.write(fd, b"\x02)" if other == "B" else b"\x02(")
        ptybench.read_until_drawn(fd, reader, ("MARK-%s-END" % other).encode(), 10)
        if i >= WARM:
            samples.append((time.perf_counter() - s) * 1000)
        shown = other
        # What follows the marker (the cursor put back) is read before the next switch.
        while select.select([fd], [], [], 0.005)[0]:
            reader.text(os.read(fd, 65536))
    kill(pid)
    t.stop()
    return percentile(samples, 50), percentile(samples, 90)


try:
    TMUX = wp.tmux("inner", CONF)
    wp.start_scarab()
    results = {}
    for r in range(ROUNDS):
        for t in ((Scarab(), Tmux()) if r % 2 == 0 else (Tmux(), Scarab())):
            p50, p90 = switches(t)
            print("  round %d %-6s p50 %.3f ms  p90 %.3f ms" % (r + 1, t.name, p50, p90), flush=True)
            for k, v in (("switch p50", p50), ("switch p90", p90)):
                results.setdefault((t.name, k), []).append(v)
    print("C-b ) until the other session's %dx%d screen is drawn on the client's pty, %d switches timed after %d"
          " per round" % (COLS, ROWS, SWITCHES, WARM))
    benchlib.report(results, [("switch p50", "ms"), ("switch p90", "ms")], ROUNDS)
finally:
    wp.close()
