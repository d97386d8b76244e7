#!/usr/bin/env python3
"""The pause an in-place upgrade (`scarab daemon upgrade`, issue 16) makes in an attached client,
beside a cold daemon start in the same run (tmux has no upgrade to compare with: its answer is a
new server, so a cold start is the fair reference).

A session runs a ticker (a line every 10 ms); a client attached to it runs in a pty owned by this
script, which reads it continuously. Each of ROUNDS upgrades is timed twice: the `daemon upgrade`
command's wall time, and the longest silence of the client's output around it (the pause as the
attached user sees it: from the last tick drawn by the old program to the first drawn after the
client re-attached). Then ROUNDS cold starts (`daemon stop`, then `scarab ls` starting one).
Medians, and each median over the cold start's.

Usage: bench/upgrade-pause.py [ROUNDS]   (default 5; needs mvn -B -o -q -DskipTests package).
On demand, not in CI.
"""
import benchlib, ptybench
import os, select, statistics, subprocess, sys, threading, time

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
TICKER = "sh -c 'i=0; while :; do i=$((i+1)); echo tick-$i; sleep 0.01; done'"

wp = benchlib.Workplace("scarab-upgrade-")
try:
    wp.start_scarab()
    wp.run([wp.scarab, "new", "-d", "--size", "100x30", "-c", TICKER, "tick"])
    pid, fd = ptybench.spawn([wp.scarab, "attach", "tick"], wp.env, 100, 30)
    ptybench.read_until(fd, b"tick-")
    chunks = []   # monotonic time of every read of the client's output
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            if select.select([fd], [], [], 0.05)[0]:
                try:
                    os.read(fd, 65536)
                except OSError:
                    return
                chunks.append(time.monotonic())

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    commands, pauses = [], []
    for _ in range(ROUNDS):
        time.sleep(1)   # ticks flowing before the upgrade
        s = time.monotonic()
        wp.run([wp.scarab, "daemon", "upgrade"])
        e = time.monotonic()
        commands.append((e - s) * 1000)
        deadline = time.monotonic() + 30
        while not [c for c in chunks if c > e + 0.5] and time.monotonic() < deadline:
            time.sleep(0.05)   # ticks flowing again, drawn by the re-attached client
        around = [c for c in chunks if s - 0.5 <= c <= e + 0.5]
        pauses.append(max(b - a for a, b in zip(around, around[1:])) * 1000 if len(around) > 1 else (e - s) * 1000)
    stop.set()
    ptybench.kill(pid)
    colds = []
    for _ in range(ROUNDS):
        wp.run([wp.scarab, "daemon", "stop"])
        s = time.monotonic()
        wp.run([wp.scarab, "ls"])
        colds.append((time.monotonic() - s) * 1000)
    cold = statistics.median(colds)
    print("upgrade command      median %6.0f ms  (%s)  %.2fx a cold start" % (
        statistics.median(commands), " ".join("%.0f" % x for x in commands), statistics.median(commands) / cold))
    print("pause seen attached  median %6.0f ms  (%s)  %.2fx a cold start" % (
        statistics.median(pauses), " ".join("%.0f" % x for x in pauses), statistics.median(pauses) / cold))
    print("cold daemon start    median %6.0f ms  (%s)" % (cold, " ".join("%.0f" % x for x in colds)))
    print("load average: %s" % open("/proc/loadavg").read().split()[:3])
finally:
    wp.close()
