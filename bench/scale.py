#!/usr/bin/env python3
"""Scale: N idle sessions each running a shell, Scarab beside tmux in the same run.

For each of the two: the time to create the sessions (one client connection issuing N creates:
Scarab's protocol over one socket, tmux's `new-session -d` commands chained, 200 per client call),
`ls` wall time with 10 sessions and with N (median of several runs of the real CLI), the
server's RSS growth per idle session, and for Scarab the daemon's live heap per session after a
full GC and its thread count.

Usage: bench/scale.py [N]    (default 1000; needs the built distribution: mvn -DskipTests package)
On demand, not in CI.
"""
from benchlib import Protocol, live_heap_kb, rss_kb, settle_rss
import os, re, shutil, statistics, subprocess, sys, tempfile, time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = tempfile.mkdtemp(prefix="scarab-scale-")
env = dict(os.environ, HOME=work, XDG_RUNTIME_DIR=work + "/run", XDG_DATA_HOME=work + "/data",
           XDG_STATE_HOME=work + "/state", XDG_CONFIG_HOME=work + "/config", SHELL="/bin/sh")
os.makedirs(work + "/run")
shutil.copytree(HERE + "/scarab-dist/target/dist", work + "/dist")
SCARAB = work + "/dist/bin/scarab"
TMUX = ["tmux", "-L", "scarab-scale-%d" % os.getpid(), "-f", "/dev/null"]
# tmux leaves the socket file of -L NAME behind when its server ends: removed at the end.
TMUX_SOCKET = os.path.join(os.environ.get("TMUX_TMPDIR") or "/tmp", "tmux-%d" % os.getuid(), "scarab-scale-%d" % os.getpid())
SHELL = "/bin/sh"

def run(args):
    p = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode != 0:
        raise SystemExit("%s ... failed (status %d): %s" % (" ".join(args[:6]), p.returncode, p.stdout.decode()[-500:]))
    return p.stdout.decode()

def threads(pid):
    return len(os.listdir("/proc/%d/task" % pid))

def median_ms(args, runs=15):
    times = []
    for _ in range(runs):
        t = time.perf_counter(); run(args); times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)

def bench_scarab():
    run([SCARAB, "new", "-d", "-c", SHELL, "s0"])
    # The launcher records its class-data archive in the background on first use: let it finish.
    deadline = time.monotonic() + 60
    while not os.path.exists(work + "/dist/scarab-client.jsa") and time.monotonic() < deadline:
        time.sleep(0.2)
    p = Protocol(work + "/run/scarab/scarab.sock")
    for i in range(1, 10):
        p.call({"type": "new", "name": "s%d" % i, "command": [SHELL], "cwd": work, "cols": 80, "rows": 24, "env": {}})
    ls10 = median_ms([SCARAB, "ls"])
    heap0 = live_heap_kb(p.pid); rss0 = settle_rss(p.pid)
    t = time.perf_counter()
    for i in range(10, N):
        p.call({"type": "new", "name": "s%d" % i, "command": [SHELL], "cwd": work, "cols": 80, "rows": 24, "env": {}})
    create = time.perf_counter() - t
    listing = p.call({"type": "ls"})
    assert len(listing["sessions"]) == N, len(listing["sessions"])
    heapN = live_heap_kb(p.pid); rssN = settle_rss(p.pid)
    lsN = median_ms([SCARAB, "ls"])   # of the settled server, like ls10 (and as for tmux)
    result = dict(create=create, ls10=ls10, lsN=lsN, rss=(rssN - rss0) / (N - 10), heap=(heapN - heap0) / (N - 10),
                  threads=threads(p.pid), rss_total=rssN)
    t = time.perf_counter(); run([SCARAB, "daemon", "stop"]); result["stop"] = time.perf_counter() - t
    return result

def bench_tmux():
    run(TMUX + ["new-session", "-d", "-s", "t0", SHELL])
    for i in range(1, 10):
        run(TMUX + ["new-session", "-d", "-s", "t%d" % i, SHELL])
    pid = int(run(TMUX + ["display", "-p", "#{pid}"]).strip())
    ls10 = median_ms(TMUX + ["ls"])
    rss0 = settle_rss(pid)
    # Chained in client calls of 200 (one call for all is longer than a tmux message may be).
    batches = []
    for start in range(10, N, 200):
        cmd = list(TMUX)
        for i in range(start, min(N, start + 200)):
            cmd += ["new-session", "-d", "-s", "t%d" % i, SHELL, ";"]
        batches.append(cmd[:-1])
    t = time.perf_counter()
    for cmd in batches:
        run(cmd)
    create = time.perf_counter() - t
    assert len(run(TMUX + ["ls"]).splitlines()) == N
    rssN = settle_rss(pid)
    lsN = median_ms(TMUX + ["ls"])
    run(TMUX + ["kill-server"])
    return dict(create=create, ls10=ls10, lsN=lsN, rss=(rssN - rss0) / (N - 10), rss_total=rssN)

try:
    s = bench_scarab()
    t = bench_tmux()
    m = N - 10
    print("%d idle sessions running %s, created over one connection (after 10 made first)" % (N, SHELL))
    print("                               scarab        tmux     ratio")
    print("  create %4d sessions      %8.2f s  %8.2f s  %6.1fx" % (m, s["create"], t["create"], s["create"] / t["create"]))
    print("  per session                %8.1f ms %8.1f ms" % (s["create"] * 1000 / m, t["create"] * 1000 / m))
    print("  ls with 10 sessions        %8.1f ms %8.1f ms" % (s["ls10"], t["ls10"]))
    print("  ls with %4d sessions      %8.1f ms %8.1f ms" % (N, s["lsN"], t["lsN"]))
    print("  ls %d / ls 10              %8.2fx   %8.2fx" % (N, s["lsN"] / s["ls10"], t["lsN"] / t["ls10"]))
    print("  server RSS per session     %8.1f KB %8.1f KB  %6.1fx" % (s["rss"], t["rss"], s["rss"] / t["rss"] if t["rss"] > 0 else float("inf")))
    print("  server RSS in all          %8.1f MB %8.1f MB" % (s["rss_total"] / 1024, t["rss_total"] / 1024))
    print("  scarab live heap per session %6.1f KB (after a full GC)" % s["heap"])
    print("  scarab daemon threads       %6d" % s["threads"])
    print("  scarab daemon stop with %d sessions: %.2f s" % (N, s["stop"]))
finally:
    subprocess.run([SCARAB, "daemon", "stop"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(TMUX + ["kill-server"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if os.path.exists(TMUX_SOCKET): os.remove(TMUX_SOCKET)
    shutil.rmtree(work, ignore_errors=True)
