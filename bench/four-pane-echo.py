#!/usr/bin/env python3
"""Keystroke echo in one pane of a four-pane window, Scarab beside tmux 3.3a in the same run
(issue 14, Performance).

A window of 200x50 (status line on, as both draw it by default with more than one pane) split in
four (split-window -h, then -v in each half); the top-left pane runs `stty raw -echo; cat`, the
others `sleep`. The client (`scarab attach`, `tmux attach`) runs in a pty of 200x50 owned by this
script: a key is written to it and timed until the echoed character is drawn in the client's
output (escape sequences taken out, since a composed picture wraps the character in cursor moves
and mode changes). WARM untimed keys (the daemon's JIT compiles the picture path within the
first thousand pictures; a daemon runs for months), then KEYS timed ones, per round; ROUNDS rounds alternating
which goes first; the medians of each round's p50 and p90, and scarab/tmux.

Usage: bench/four-pane-echo.py [ROUNDS] [KEYS]   (default 3 rounds of 200 keys after 1000 untimed;
needs mvn -B -o -q -DskipTests package). On demand, not in CI.
"""
import benchlib, ptybench
from benchlib import percentile
from ptybench import drain, kill
import sys, time

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
KEYS = int(sys.argv[2]) if len(sys.argv) > 2 else 200
WARM = 1000
COLS, ROWS = 200, 50
ECHO = "sh -c 'stty raw -echo; cat'"
IDLE = "sleep 100000"

wp = benchlib.Workplace("scarab-echo4-")
SCARAB = wp.scarab


class Scarab:
    name = "scarab"
    def start(self):
        wp.run([SCARAB, "new", "-d", "--size", "%dx%d" % (COLS, ROWS - 1), "-c", ECHO, "echo"])
        first = wp.run([SCARAB, "display-message", "-p", "-t", "echo", "#{pane_id}"]).strip()
        wp.run([SCARAB, "split-window", "-h", "-d", "-t", first, "-c", IDLE])
        for pane in (first, self.right(first)):
            wp.run([SCARAB, "split-window", "-v", "-d", "-t", pane, "-c", IDLE])
        self.check(first)
    def right(self, first):
        ids = wp.run([SCARAB, "list-panes", "-t", "echo", "-F", "#{pane_id}"]).split()
        return [p for p in ids if p != first][0]
    def check(self, first):
        panes = wp.run([SCARAB, "list-panes", "-t", "echo", "-F", "#{pane_id} #{pane_active}"]).split("\n")
        assert len([p for p in panes if p]) == 4 and "%s 1" % first in panes, panes
    def attach_argv(self): return [SCARAB, "attach", "echo"]
    def stop(self): wp.run([SCARAB, "kill", "-f", "echo"])


class Tmux:
    name = "tmux"
    def start(self):
        wp.run(TMUX + ["new-session", "-d", "-x", str(COLS), "-y", str(ROWS), "-s", "echo", ECHO])
        first = wp.run(TMUX + ["display-message", "-p", "-t", "echo", "#{pane_id}"]).strip()
        wp.run(TMUX + ["split-window", "-h", "-d", "-t", first, IDLE])
        right = [p for p in wp.run(TMUX + ["list-panes", "-t", "echo", "-F", "#{pane_id}"]).split() if p != first][0]
        for pane in (first, right):
            wp.run(TMUX + ["split-window", "-v", "-d", "-t", pane, IDLE])
        panes = wp.run(TMUX + ["list-panes", "-t", "echo", "-F", "#{pane_id} #{pane_active}"]).split("\n")
        assert len([p for p in panes if p]) == 4 and "%s 1" % first in panes, panes
    def attach_argv(self): return TMUX + ["attach", "-t", "echo"]
    def stop(self): wp.run(TMUX + ["kill-session", "-t", "echo"])


def echo(t):
    t.start()
    pid, fd = ptybench.spawn(t.attach_argv(), wp.env, COLS, ROWS)
    time.sleep(1.0); drain(fd)
    samples = ptybench.drawn_echo_samples(fd, KEYS, WARM, 5)
    kill(pid); t.stop()
    return percentile(samples, 50), percentile(samples, 90), percentile(samples, 99)


try:
    TMUX = wp.tmux("inner")
    wp.start_scarab()
    results = {}
    for r in range(ROUNDS):
        for t in ((Scarab(), Tmux()) if r % 2 == 0 else (Tmux(), Scarab())):
            p50, p90, p99 = echo(t)
            print("  round %d %-6s p50 %.3f ms  p90 %.3f ms  p99 %.3f ms" % (r + 1, t.name, p50, p90, p99), flush=True)
            for k, v in (("echo p50", p50), ("echo p90", p90), ("echo p99", p99)):
                results.setdefault((t.name, k), []).append(v)
    print("keystroke echo in the top-left pane of four in %dx%d, %d keys timed after %d per round"
          % (COLS, ROWS, KEYS, WARM))
    benchlib.report(results, [("echo p50", "ms"), ("echo p90", "ms"), ("echo p99", "ms")], ROUNDS)
finally:
    wp.close()
