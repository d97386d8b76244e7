#!/usr/bin/env python3
"""The pause an in-place upgrade (`scarab daemon upgrade`, issue 16) makes in an attached client,
beside a cold daemon start in the same run (tmux has no upgrade to compare with: its answer is a
new server, so a cold start is the fair reference).

A session runs a ticker (a line every 10 ms); a client attached to it runs in a pty owned by this
script, which reads it continuously. Each of ROUNDS upgrades is timed twice: the `daemon upgrade`
command's wall time, and the longest silence of the client's output around it (the pause as the
attached user sees it: from the last tick drawn by the old program to the first drawn after the
client re-attached). Then ROUNDS cold starts (`daemon stop`, then `scarab ls` starting one).
Medians, and each median over the cold start's; then where an upgrade's time goes, from the
daemon log's timestamps: the old program from the request to its execve (deciding the next
command line, detaching the clients, parking the readers, the snapshot, the hand-over file), the
new one from its execve to listening (the JVM's start, the store, the adoption), and from there
to the attached client's session being attached again. Both the upgrades and the cold starts run
with the daemon's class-data archive, as a user's do once the first start after an install has
recorded it (the bench waits for that recording).

Usage: bench/upgrade-pause.py [ROUNDS]   (default 5; needs mvn -B -o -q -DskipTests package;
BENCH_DIST=DIR measures the distribution in DIR instead, e.g. one built from an older commit).
On demand, not in CI.
"""
import benchlib, ptybench
import datetime, os, select, statistics, subprocess, sys, threading, time

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
TICKER = "sh -c 'i=0; while :; do i=$((i+1)); echo tick-$i; sleep 0.01; done'"

wp = benchlib.Workplace("scarab-upgrade-", dist=os.environ.get("BENCH_DIST"))   # BENCH_DIST: another build to compare
try:
    wp.start_scarab()
    jsa = wp.work + "/dist/scarab-daemon.jsa"
    deadline = time.monotonic() + 300
    while (not os.path.exists(jsa) or os.path.exists(jsa + ".recording")) and time.monotonic() < deadline:
        time.sleep(0.2)
    archived = os.path.exists(jsa)
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
        # Up to the first output after the command returned: the client may re-attach after it.
        first_after = min([c for c in chunks if c > e] or [e])
        around = [c for c in chunks if s - 0.5 <= c <= first_after]
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
    print("daemon class-data archive: %s" % ("yes" if archived else "NOT recorded within 300 s"))

    def stamp(line):
        return datetime.datetime.strptime(line[:23], "%Y-%m-%dT%H:%M:%S.%f").timestamp() * 1000

    stages = {"request to exec (old program)": [], "of which deciding the command line": [],
              "exec to listening (new program)": [], "listening to client attached": []}
    lines = open(wp.work + "/state/scarab/daemon.log").read().splitlines()
    for i, line in enumerate(lines):
        if "InPlaceUpgrade: upgrade requested" not in line:
            continue
        marks = {}
        for later in lines[i + 1:]:
            if "next program decided" in later and "decided" not in marks:
                marks["decided"] = stamp(later)
            elif "upgrading in place" in later and "exec" not in marks:
                marks["exec"] = stamp(later)
            elif "Daemon: scarab daemon" in later and "started" in later and "exec" in marks and "up" not in marks:
                marks["up"] = stamp(later)
            elif "session attached" in later and "up" in marks:
                marks["attached"] = stamp(later)
                break
        if len(marks) == 4:
            stages["request to exec (old program)"].append(marks["exec"] - stamp(line))
            stages["of which deciding the command line"].append(marks["decided"] - stamp(line))
            stages["exec to listening (new program)"].append(marks["up"] - marks["exec"])
            stages["listening to client attached"].append(marks["attached"] - marks["up"])
    for name, values in stages.items():
        if values:
            print("  %-36s median %6.0f ms  (%s)" % (name, statistics.median(values), " ".join("%.0f" % v for v in values)))
    print("load average: %s" % open("/proc/loadavg").read().split()[:3])
finally:
    wp.close()
