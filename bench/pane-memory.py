#!/usr/bin/env python3
"""Idle memory per pane, and 1000 panes in 250 windows on one server: Scarab beside tmux 3.3a in
the same run (issue 14, Performance).

One session of one pane (`cat`) is made; the server's RSS is read once it settles (for the
daemon after a full GC, as after any quiet while), then 249 more windows and three splits in
each (split-window -h, then -v in each half: 1000 panes in 250 windows, every one running `cat`),
the RSS again: (RSS with 1000 - RSS with 1) / 999 is a pane's. Also: the time to create them
(Scarab over one protocol connection, tmux through chained client calls, so that no client start-up
is timed), that list-panes -a lists all 1000, the daemon's live heap per pane (after a full GC)
and its threads, and that killing the session ends every pane's process and leaves the server
answering. Target (issue 14): a pane costs no more than a session did, 64 KB.

Usage: bench/pane-memory.py [WINDOWS]   (default 250, four panes each; needs
mvn -B -o -q -DskipTests package). On demand, not in CI.
"""
import benchlib
from benchlib import live_heap_kb, settle_rss
import os, subprocess, sys, time

WINDOWS = int(sys.argv[1]) if len(sys.argv) > 1 else 250
PANES = WINDOWS * 4
CMD = "cat"

wp = benchlib.Workplace("scarab-panemem-")
SCARAB = wp.scarab


def window_commands(w):
    """The commands (tmux's grammar, both servers) that make window w of the session with four panes."""
    cmds = [] if w == 0 else [["new-window", "-d", "-t", "mem", CMD]]
    return cmds + [["split-window", "-d", "-h", "-t", "mem:%d.0" % w, CMD],
                   ["split-window", "-d", "-v", "-t", "mem:%d.0" % w, CMD],
                   ["split-window", "-d", "-v", "-t", "mem:%d.2" % w, CMD]]


def children(pid):
    """The processes whose parent is pid."""
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], stdout=subprocess.PIPE).stdout.decode()
    return len(out.split())


def wait_until(what, cond, timeout=60.0):
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise SystemExit("waited %d s for %s" % (timeout, what))
        time.sleep(0.1)


def bench_scarab():
    wp.run([SCARAB, "new", "-d", "-c", CMD, "mem"])
    p = wp.connect()
    pid = p.pid
    heap0 = live_heap_kb(pid); rss0 = settle_rss(pid)
    t = time.perf_counter()
    for w in range(WINDOWS):
        for c in window_commands(w):
            # "-c CMD" is scarab's way of naming the command; tmux takes it as the last word.
            p.command(*(c[:-1] + ["-c", c[-1]]))
    create = time.perf_counter() - t
    t = time.perf_counter()
    listed = p.command("list-panes", "-a", "-F", "#{session_name} #{pane_id}").split("\n")
    listing = time.perf_counter() - t
    panes = len([l for l in listed if l.startswith("mem ")])
    windows = len(p.command("list-windows", "-t", "mem").strip().split("\n"))
    heapN = live_heap_kb(pid); rssN = settle_rss(pid)
    r = dict(create=create, list=listing, panes=panes, windows=windows, rss=(rssN - rss0) / (PANES - 1),
             heap=(heapN - heap0) / (PANES - 1), rss_total=rssN, threads=len(os.listdir("/proc/%d/task" % pid)),
             children=children(pid))
    t = time.perf_counter()
    wp.run([SCARAB, "kill", "-f", "mem"])
    wait_until("every pane's process to end", lambda: children(pid) == 0)
    r["kill"] = time.perf_counter() - t
    r["answers"] = "mem" not in wp.run([SCARAB, "ls", "--names"]).split()
    r["rss_after"] = settle_rss(pid)
    p.close()
    return r


def bench_tmux():
    tmux = wp.tmux("mem")   # with a keeper session, the same before and after
    wp.run(tmux + ["new-session", "-d", "-s", "mem", CMD])
    pid = int(wp.run(tmux + ["display", "-p", "#{pid}"]).strip())
    rss0 = settle_rss(pid)
    calls, cmd = [], list(tmux)
    for w in range(WINDOWS):
        for c in window_commands(w):
            cmd += c + [";"]
        if len(cmd) > 600:   # one call for all is longer than a tmux message may be
            calls.append(cmd[:-1]); cmd = list(tmux)
    if len(cmd) > len(tmux):
        calls.append(cmd[:-1])
    t = time.perf_counter()
    for c in calls:
        wp.run(c)
    create = time.perf_counter() - t
    t = time.perf_counter()
    listed = wp.run(tmux + ["list-panes", "-a", "-F", "#{session_name} #{pane_id}"]).split("\n")
    listing = time.perf_counter() - t
    panes = len([l for l in listed if l.startswith("mem ")])
    windows = len(wp.run(tmux + ["list-windows", "-t", "mem"]).strip().split("\n"))
    rssN = settle_rss(pid)
    r = dict(create=create, list=listing, panes=panes, windows=windows, rss=(rssN - rss0) / (PANES - 1),
             rss_total=rssN, children=children(pid) - 1)   # less the keeper session's
    t = time.perf_counter()
    wp.run(tmux + ["kill-session", "-t", "mem"])
    wait_until("every pane's process to end", lambda: children(pid) == 1)
    r["kill"] = time.perf_counter() - t
    r["answers"] = "mem" not in wp.run(tmux + ["ls", "-F", "#{session_name}"]).split()
    r["rss_after"] = settle_rss(pid)
    return r


try:
    wp.start_scarab()
    s = bench_scarab()
    t = bench_tmux()
    for name, r in (("scarab", s), ("tmux", t)):
        if r["panes"] != PANES or r["windows"] != WINDOWS or r["children"] != PANES or not r["answers"]:
            raise SystemExit("%s: %d panes listed in %d windows, %d processes (expected %d in %d); answers after kill: %s"
                             % (name, r["panes"], r["windows"], r["children"], PANES, WINDOWS, r["answers"]))
    print("%d panes running %s in %d windows of one session, on one server" % (PANES, CMD, WINDOWS))
    print("                                 scarab        tmux     scarab/tmux")
    print("  RSS per idle pane          %8.1f KB %8.1f KB  %6.2fx   (target: scarab <= 64 KB)"
          % (s["rss"], t["rss"], s["rss"] / t["rss"] if t["rss"] > 0 else float("inf")))
    print("  server RSS with them       %8.1f MB %8.1f MB" % (s["rss_total"] / 1024, t["rss_total"] / 1024))
    print("  create %d panes          %8.2f s  %8.2f s   %6.2fx" % (PANES - 1, s["create"], t["create"], s["create"] / t["create"]))
    print("  list-panes -a              %8.1f ms %8.1f ms   (scarab over the protocol, tmux with its client)" % (s["list"] * 1000, t["list"] * 1000))
    print("  kill the session, until every process ended  %6.2f s  %6.2f s" % (s["kill"], t["kill"]))
    print("  server RSS after the kill  %8.1f MB %8.1f MB" % (s["rss_after"] / 1024, t["rss_after"] / 1024))
    print("  scarab live heap per pane  %8.1f KB (after a full GC)" % s["heap"])
    print("  scarab daemon threads      %8d" % s["threads"])
finally:
    wp.close()
