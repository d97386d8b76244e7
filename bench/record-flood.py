#!/usr/bin/env python3
"""A pane flooded with output, recorded (asciicast, `new --record`) beside the same pane unrecorded,
in the same run (issue 17: recording costs at most 20% of a pane's output throughput).

The pane cats a log (default 100 MB of lines of mixed lengths, a third with colours, some UTF-8)
as fast as the daemon reads it: cat blocks on the full PTY, so the time from just before cat starts
to just after it wrote its last byte is the daemon's reading speed. No client is attached. For the
recorded pane also printed: how long after cat ended the file had all of it (the writer thread
catching up), and whether the recording fell behind (an "m" marker: output not recorded).

One untimed run each first (the JIT), then ROUNDS rounds alternating which goes first; medians of
MB/s and recorded/unrecorded.

Usage: bench/record-flood.py [ROUNDS [MB]]   (default 3 rounds of 100 MB; needs mvn -B -o -q -DskipTests package)
On demand, not in CI.
"""
import benchlib
from benchlib import clock, END_MARK
import json, os, statistics, sys, time

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
SIZE = int(float(sys.argv[2]) * 1e6) if len(sys.argv) > 2 else 100_000_000

wp = benchlib.Workplace("scarab-record-")
SCARAB = wp.scarab
LOG = wp.work + "/flood.log"


def make_log(path):
    words = ["request", "handled", "worker-%d", "path=/api/items?page=%d", "ms", "INFO", "WARN",
             "ok", "€", "naïve", "日本語", "0x%x", "GET", "-", "|"]
    benchlib.write_flood_log(path, SIZE, 17, words, [0, 5, 20, 40, 60, 80, 99, 120, 200])


def wait_for(what, cond, timeout=600.0, every=0.05):
    deadline = time.monotonic() + timeout
    while True:
        v = cond()
        if v:
            return v
        if time.monotonic() > deadline:
            raise TimeoutError("waited %d s for %s" % (timeout, what))
        time.sleep(every)


def file_has_end(path):
    """The recording's last lines hold the end mark (it is written in two halves: join the tail)."""
    with open(path, "rb") as f:
        f.seek(max(0, os.path.getsize(path) - 4096))
        tail = f.read().decode("utf-8", "replace")
    return END_MARK[10:] in tail


def one(recorded, n):
    name = "rec%d" % n if recorded else "plain%d" % n
    cmd, start, done = benchlib.timed_cat(wp.work, LOG, name)
    cast = "%s/%s.cast" % (wp.work, name)
    args = [SCARAB, "new", "-d", "--size", "120x40"]
    if recorded:
        args += ["--record", cast]
    wp.run(args + ["-c", "sh -c '%s'" % cmd, name])
    wp.run([SCARAB, "send-keys", name, "Enter"])
    wait_for("cat to finish", lambda: os.path.exists(done))
    seconds = clock(done) - clock(start)
    wait_for("the end mark on the screen", lambda: END_MARK in wp.run([SCARAB, "capture", name]))
    behind = None
    if recorded:
        ended = time.time()
        wait_for("the recording to have it all", lambda: file_has_end(cast))
        behind = time.time() - ended
        markers = 0
        with open(cast, encoding="utf-8") as f:
            for line in f:
                if '"m", "scarab:' in line:
                    markers += 1
        if markers:
            print("  %s: the recording fell behind %d times (output not recorded)" % (name, markers))
        wp.run([SCARAB, "record", "stop", "-t", name])
        os.remove(cast)
    wp.run([SCARAB, "kill", "-f", name])
    return SIZE / 1e6 / seconds, behind


try:
    make_log(LOG)
    wp.start_scarab()
    one(False, 0); one(True, 0)  # untimed: the JIT
    plain, rec, lag = [], [], []
    for r in range(1, ROUNDS + 1):
        order = [False, True] if r % 2 else [True, False]
        for recorded in order:
            mbs, behind = one(recorded, r)
            (rec if recorded else plain).append(mbs)
            if recorded:
                lag.append(behind)
            print("round %d %-10s %7.1f MB/s%s" % (r, "recorded" if recorded else "unrecorded", mbs,
                  "" if behind is None else "  (file complete %.2f s after cat)" % behind))
    p, q = statistics.median(plain), statistics.median(rec)
    print("median: unrecorded %.1f MB/s, recorded %.1f MB/s, recorded/unrecorded %.2f (cost %.0f%%);"
          " file complete %.2f s after cat (median)" % (p, q, q / p, (1 - q / p) * 100, statistics.median(lag)))
finally:
    wp.close()
